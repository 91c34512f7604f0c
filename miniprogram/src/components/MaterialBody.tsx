import { Button, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ArticleBlock, MaterialContent } from '@scrm/shared'
import { materialAssetUrl, openMaterialFile } from '../api/materialAssets'
import { fenToYuan } from '../lib/money'
import { openPath } from '../lib/pages'

function Picture({ assetId, testId }: { assetId: string; testId: string }) {
  return <Image className='card-image' src={materialAssetUrl(assetId)} mode='widthFix' showMenuByLongpress data-testid={testId} />
}

function Block({ block }: { block: ArticleBlock }) {
  switch (block.type) {
    case 'heading':
      return <Text className='section-title' data-testid='article-heading'>{block.text}</Text>
    case 'paragraph':
      return <Text className='line' data-testid='article-paragraph'>{block.text}</Text>
    case 'image':
      return (
        <View>
          <Picture assetId={block.assetId} testId='article-image' />
          {block.caption && <Text className='line muted'>{block.caption}</Text>}
        </View>
      )
  }
}

/** A product's link: one of our pages, or a web page (the mini-program cannot open one itself, so it is copied). */
function openProductLink(link: string): void {
  if (!link.startsWith('https://')) return openPath(link)
  if (process.env.TARO_ENV === 'h5') {
    window.open(link, '_blank')
    return
  }
  void Taro.setClipboardData({ data: link })
}

/** A material's content as the customer sees it, by its kind. */
export function MaterialBody({ content }: { content: MaterialContent }) {
  switch (content.kind) {
    case 'article':
      return (
        <View id='material-article'>
          {content.blocks.map((block, i) => (
            <Block key={i} block={block} />
          ))}
        </View>
      )
    case 'poster':
      return (
        <View id='material-poster'>
          <Picture assetId={content.imageAssetId} testId='poster-image' />
        </View>
      )
    case 'product':
      return (
        <View id='material-product'>
          <Text id='product-price' className='coupon-benefit'>¥{fenToYuan(content.priceFen)}</Text>
          {content.imageAssetIds.map((id) => (
            <Picture key={id} assetId={id} testId='product-image' />
          ))}
          {content.description && <Text className='line'>{content.description}</Text>}
          {content.link && (
            <Button id='product-link' className='line' onClick={() => openProductLink(content.link!)}>
              查看商品详情
            </Button>
          )}
        </View>
      )
    case 'page':
      return (
        <Button id='material-page' className='line' onClick={() => openPath(content.path)}>
          打开页面
        </Button>
      )
    case 'file':
      return (
        <View id='material-file' className='card'>
          <Text className='line'>{content.fileName}</Text>
          <Button size='mini' onClick={() => void openMaterialFile(content.fileAssetId)}>打开文件</Button>
        </View>
      )
  }
}
