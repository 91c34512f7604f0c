import { useState } from 'react'
import { Button, Switch, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { MaterialInput, MaterialView } from '@scrm/shared'
import { call } from '../../../../api/client'
import { Loaded } from '../../../../components/Loaded'
import { useReloadableApi } from '../../../../hooks/useApi'
import { PAGES } from '../../../../lib/pages'
import { FieldError } from '../../components/FieldError'
import { SubmitFeedback } from '../../components/SubmitFeedback'
import { TextField } from '../../components/TextField'
import { useSubmit } from '../../components/useSubmit'
import { AssetField } from './AssetField'
import { CampaignPicker } from './CampaignPicker'
import { ContentFields } from './ContentFields'
import { CtaFields } from './CtaFields'
import { draftOf, emptyMaterialDraft, FIELD_PATHS, materialInput, type MaterialDraft } from './draft'
import { VersionList } from './VersionList'

/** Saves the draft: a new material, or the material's next version. */
const saveMaterial = (id: string | undefined, input: MaterialInput): Promise<{ material: MaterialView }> =>
  id ? call('materialUpdate', input, { params: { id } }) : call('materialCreate', input)

function MaterialForm({ material, onSaved }: { material?: MaterialView; onSaved?: () => void }) {
  const [draft, setDraft] = useState<MaterialDraft>(() => (material ? draftOf(material) : emptyMaterialDraft()))
  const { submit, saving, issues, message } = useSubmit()
  const change = (patch: Partial<MaterialDraft>) => setDraft((d) => ({ ...d, ...patch }))

  const save = () =>
    submit(materialInput(draft), (input) => saveMaterial(material?.id, input), ({ material: saved }) => {
      // A new material opens as itself, so its versions show and the next save edits it.
      if (!material) void Taro.redirectTo({ url: `${PAGES.materialForm}?id=${saved.id}` })
      setDraft(draftOf(saved))
      onSaved?.()
      return `已保存为第 ${saved.version} 版`
    })

  return (
    <View id='material-form'>
      <TextField id='material-title-input' label='标题' maxlength={64} value={draft.title} onInput={(title) => change({ title })} issues={issues} path='title' />
      <TextField id='material-summary' label='摘要（分享卡片和海报上的说明）' maxlength={200} value={draft.summary} onInput={(summary) => change({ summary })} issues={issues} path='summary' />
      <View className='field'>
        <Text className='field-label'>封面图（分享卡片和海报的图片，可选）</Text>
        <AssetField id='material-cover' kind='image' assetId={draft.coverAssetId} onUploaded={(coverAssetId) => change({ coverAssetId })} onRemove={() => change({ coverAssetId: '' })} />
        <FieldError issues={issues} path='coverAssetId' />
      </View>
      <ContentFields draft={draft} issues={issues} onChange={change} />
      <View className='field'>
        <Text className='field-label'>推荐话术（每行一条）</Text>
        <Textarea id='material-scripts-input' className='textarea' maxlength={5000} value={draft.scripts} onInput={(e) => change({ scripts: e.detail.value })} />
        <FieldError issues={issues} path='scripts' />
      </View>
      <CtaFields draft={draft} issues={issues} onChange={change} />
      <TextField id='material-category' label='分类' maxlength={32} value={draft.category} onInput={(category) => change({ category })} issues={issues} path='category' />
      <TextField id='material-tags' label='标签（逗号分隔）' value={draft.tags} onInput={(tags) => change({ tags })} issues={issues} path='tags' />
      <View className='field'>
        <Text className='field-label'>所属活动</Text>
        <CampaignPicker campaignId={draft.campaignId} onChange={(campaignId) => change({ campaignId })} />
        <FieldError issues={issues} path='campaignId' />
      </View>
      <View className='field check'>
        <Switch id='material-enabled' checked={draft.enabled} onChange={(e) => change({ enabled: e.detail.value })} />
        <Text>{draft.enabled ? '已启用（员工可分享）' : '已停用（员工看不到，不能分享）'}</Text>
      </View>
      <Button id='material-save' type='primary' disabled={saving} loading={saving} onClick={save}>
        {material ? '保存为新版本' : '创建素材'}
      </Button>
      <SubmitFeedback id='material-message' issues={issues} shownPaths={FIELD_PATHS} message={message} />
    </View>
  )
}

/** Creates a material, or (`?id=`) edits one: every save is a new version, and shares made before keep theirs. */
export default function MaterialFormPage() {
  const id = useRouter().params.id ?? ''
  const [material] = useReloadableApi('materialGet', { params: { id } }, id !== '')
  const [versions, reloadVersions] = useReloadableApi('materialVersions', { params: { id } }, id !== '')

  return (
    <View className='page'>
      <Text className='page-title'>{id ? '编辑素材' : '新建素材'}</Text>
      {id ? (
        <View>
          <Loaded state={material}>{(view) => <MaterialForm material={view} onSaved={reloadVersions} />}</Loaded>
          <VersionList versions={versions} />
        </View>
      ) : (
        <MaterialForm />
      )}
    </View>
  )
}
