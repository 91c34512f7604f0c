import { Input, Text, Textarea, View } from '@tarojs/components'
import type { MaterialKind } from '@scrm/shared'
import { MATERIAL_KIND_LABELS } from '../../../../lib/materials'
import type { FieldIssue } from '../../components/errorText'
import { FieldError } from '../../components/FieldError'
import { ArticleBlocks } from './ArticleBlocks'
import { AssetField } from './AssetField'
import type { MaterialDraft } from './draft'

const KINDS = Object.keys(MATERIAL_KIND_LABELS) as MaterialKind[]

interface ContentFieldsProps {
  draft: MaterialDraft
  issues: FieldIssue[]
  onChange: (patch: Partial<MaterialDraft>) => void
}

function KindFields({ draft, onChange }: Omit<ContentFieldsProps, 'issues'>) {
  switch (draft.kind) {
    case 'article':
      return <ArticleBlocks blocks={draft.blocks} onChange={(blocks) => onChange({ blocks })} />
    case 'poster':
      return <AssetField id='poster-image' kind='image' assetId={draft.posterAssetId} onUploaded={(posterAssetId) => onChange({ posterAssetId })} />
    case 'product':
      return (
        <View>
          <Text className='field-label'>价格（元）</Text>
          <Input id='product-price-input' className='input' type='digit' value={draft.priceYuan} onInput={(e) => onChange({ priceYuan: e.detail.value })} />
          <Text className='field-label'>商品图片（最多 9 张）</Text>
          {draft.productImageIds.map((assetId, i) => (
            <AssetField
              key={assetId}
              id={`product-image-${i}`}
              kind='image'
              assetId={assetId}
              onUploaded={(id) => onChange({ productImageIds: draft.productImageIds.map((a, j) => (j === i ? id : a)) })}
              onRemove={() => onChange({ productImageIds: draft.productImageIds.filter((_, j) => j !== i) })}
            />
          ))}
          {draft.productImageIds.length < 9 && (
            <AssetField id='product-image-new' kind='image' assetId='' onUploaded={(id) => onChange({ productImageIds: [...draft.productImageIds, id] })} />
          )}
          <Text className='field-label'>商品介绍</Text>
          <Textarea id='product-description' className='textarea' maxlength={2000} value={draft.description} onInput={(e) => onChange({ description: e.detail.value })} />
          <Text className='field-label'>商品链接（小程序页面路径或 https:// 链接，可选）</Text>
          <Input id='product-link-input' className='input' maxlength={500} value={draft.link} onInput={(e) => onChange({ link: e.detail.value })} />
        </View>
      )
    case 'page':
      return (
        <View>
          <Text className='field-label'>小程序页面路径（如 pages/landing/index?state=…）</Text>
          <Input id='page-path' className='input' maxlength={200} value={draft.pagePath} onInput={(e) => onChange({ pagePath: e.detail.value })} />
        </View>
      )
    case 'file':
      return (
        <View>
          <AssetField id='file-pdf' kind='pdf' assetId={draft.fileAssetId} onUploaded={(fileAssetId, fileName) => onChange({ fileAssetId, fileName: draft.fileName || fileName })} />
          <Text className='field-label'>文件名称</Text>
          <Input id='file-name' className='input' maxlength={100} value={draft.fileName} onInput={(e) => onChange({ fileName: e.detail.value })} />
        </View>
      )
  }
}

/** What the material is: its kind, then that kind's own fields. */
export function ContentFields({ draft, issues, onChange }: ContentFieldsProps) {
  return (
    <View className='field'>
      <Text className='field-label'>素材类型</Text>
      <View className='tabs'>
        {KINDS.map((kind) => (
          <Text key={kind} id={`kind-${kind}`} className={draft.kind === kind ? 'tab tab-active' : 'tab'} onClick={() => onChange({ kind })}>
            {MATERIAL_KIND_LABELS[kind]}
          </Text>
        ))}
      </View>
      <KindFields draft={draft} onChange={onChange} />
      <FieldError issues={issues} path='content' />
    </View>
  )
}
