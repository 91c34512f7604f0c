import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import type { ArticleBlock } from '@scrm/shared'
import { AssetField } from './AssetField'

const BLOCK_LABELS: Record<ArticleBlock['type'], string> = { heading: '小标题', paragraph: '段落', image: '图片' }

interface ArticleBlocksProps {
  blocks: ArticleBlock[]
  onChange: (blocks: ArticleBlock[]) => void
}

function BlockFields({ block, index, onChange }: { block: ArticleBlock; index: number; onChange: (block: ArticleBlock) => void }) {
  switch (block.type) {
    case 'heading':
      return <Input className='input block-text' maxlength={200} value={block.text} onInput={(e) => onChange({ ...block, text: e.detail.value })} />
    case 'paragraph':
      return <Textarea className='textarea block-text' maxlength={5000} value={block.text} onInput={(e) => onChange({ ...block, text: e.detail.value })} />
    case 'image':
      return (
        <View>
          <AssetField id={`block-${index}-image`} kind='image' assetId={block.assetId} onUploaded={(assetId) => onChange({ ...block, assetId })} />
          <Input className='input' maxlength={200} placeholder='图片说明（可选）' value={block.caption ?? ''} onInput={(e) => onChange({ ...block, caption: e.detail.value || undefined })} />
        </View>
      )
  }
}

/** An article's body, block by block: headings, paragraphs and pictures in order. */
export function ArticleBlocks({ blocks, onChange }: ArticleBlocksProps) {
  const replace = (index: number, block: ArticleBlock) => onChange(blocks.map((b, i) => (i === index ? block : b)))
  const remove = (index: number) => onChange(blocks.filter((_, i) => i !== index))
  const add = (block: ArticleBlock) => onChange([...blocks, block])

  return (
    <View id='article-blocks'>
      {blocks.map((block, i) => (
        <View key={i} className='card' data-testid='article-block' data-type={block.type}>
          <View className='line'>
            <Text className='field-label'>{BLOCK_LABELS[block.type]}</Text>
            <Button size='mini' data-testid='block-remove' onClick={() => remove(i)}>删除</Button>
          </View>
          <BlockFields block={block} index={i} onChange={(b) => replace(i, b)} />
        </View>
      ))}
      <View className='actions'>
        <Button id='block-add-heading' size='mini' onClick={() => add({ type: 'heading', text: '' })}>添加小标题</Button>
        <Button id='block-add-paragraph' size='mini' onClick={() => add({ type: 'paragraph', text: '' })}>添加段落</Button>
        <Button id='block-add-image' size='mini' onClick={() => add({ type: 'image', assetId: '' })}>添加图片</Button>
      </View>
    </View>
  )
}
