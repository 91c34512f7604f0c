import { useState } from 'react'
import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { MaterialInput, MaterialView } from '@scrm/shared'
import { call } from '../../../../api/client'
import { Loaded } from '../../../../components/Loaded'
import { useReloadableApi } from '../../../../hooks/useApi'
import { PAGES } from '../../../../lib/pages'
import { FieldError } from '../../components/FieldError'
import { SubmitFeedback } from '../../components/SubmitFeedback'
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
      <View className='field'>
        <Text className='field-label'>标题</Text>
        <Input id='material-title-input' className='input' maxlength={64} value={draft.title} onInput={(e) => change({ title: e.detail.value })} />
        <FieldError issues={issues} path='title' />
      </View>
      <View className='field'>
        <Text className='field-label'>摘要（分享卡片和海报上的说明）</Text>
        <Input id='material-summary' className='input' maxlength={200} value={draft.summary} onInput={(e) => change({ summary: e.detail.value })} />
        <FieldError issues={issues} path='summary' />
      </View>
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
      <View className='field'>
        <Text className='field-label'>分类</Text>
        <Input id='material-category' className='input' maxlength={32} value={draft.category} onInput={(e) => change({ category: e.detail.value })} />
        <FieldError issues={issues} path='category' />
      </View>
      <View className='field'>
        <Text className='field-label'>标签（逗号分隔）</Text>
        <Input id='material-tags' className='input' value={draft.tags} onInput={(e) => change({ tags: e.detail.value })} />
        <FieldError issues={issues} path='tags' />
      </View>
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
