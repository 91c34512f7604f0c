import type { ArticleBlock, CallToAction, MaterialContent, MaterialInput, MaterialKind, MaterialView } from '@scrm/shared'
import { fenToYuan, yuanToFen } from '../../../../lib/money'
import type { FieldIssue } from '../../components/errorText'
import type { Checked } from '../../components/useSubmit'

export type CtaKind = CallToAction['kind'] | 'none'

/** The material form as the manager types it: every kind's fields are kept, so switching kinds loses nothing. */
export interface MaterialDraft {
  title: string
  summary: string
  coverAssetId: string
  kind: MaterialKind
  blocks: ArticleBlock[]
  posterAssetId: string
  priceYuan: string
  productImageIds: string[]
  description: string
  link: string
  pagePath: string
  fileAssetId: string
  fileName: string
  /** One script a line. */
  scripts: string
  ctaKind: CtaKind
  /** The coupon stock's id, or the channel's state. */
  ctaTarget: string
  ctaLabel: string
  category: string
  /** Comma-separated. */
  tags: string
  campaignId: string
  enabled: boolean
}

export const emptyMaterialDraft = (): MaterialDraft => ({
  title: '',
  summary: '',
  coverAssetId: '',
  kind: 'article',
  blocks: [{ type: 'paragraph', text: '' }],
  posterAssetId: '',
  priceYuan: '',
  productImageIds: [],
  description: '',
  link: '',
  pagePath: '',
  fileAssetId: '',
  fileName: '',
  scripts: '',
  ctaKind: 'none',
  ctaTarget: '',
  ctaLabel: '',
  category: '',
  tags: '',
  campaignId: '',
  enabled: true,
})

function contentDraft(content: MaterialContent): Partial<MaterialDraft> {
  switch (content.kind) {
    case 'article':
      return { blocks: content.blocks }
    case 'poster':
      return { posterAssetId: content.imageAssetId }
    case 'product':
      return { priceYuan: fenToYuan(content.priceFen), productImageIds: content.imageAssetIds, description: content.description, link: content.link ?? '' }
    case 'page':
      return { pagePath: content.path }
    case 'file':
      return { fileAssetId: content.fileAssetId, fileName: content.fileName }
  }
}

export const draftOf = (view: MaterialView): MaterialDraft => ({
  ...emptyMaterialDraft(),
  ...contentDraft(view.content),
  title: view.title,
  summary: view.summary,
  coverAssetId: view.coverAssetId ?? '',
  kind: view.kind,
  scripts: view.scripts.join('\n'),
  ctaKind: view.callToAction?.kind ?? 'none',
  ctaTarget: view.callToAction ? (view.callToAction.kind === 'claim_coupon' ? view.callToAction.stockId : view.callToAction.channelState) : '',
  ctaLabel: view.callToAction?.label ?? '',
  category: view.category,
  tags: view.tags.join(', '),
  campaignId: view.campaignId ?? '',
  enabled: view.enabled,
})

/** Every field the form shows problems under; the server's paths for anything else show at the bottom. */
export const FIELD_PATHS = ['title', 'summary', 'coverAssetId', 'content', 'scripts', 'callToAction', 'category', 'tags', 'campaignId'] as const

function content(draft: MaterialDraft, issues: FieldIssue[]): MaterialContent | undefined {
  const missing = (path: string, message: string) => {
    issues.push({ path: `content.${path}`, message })
    return undefined
  }
  switch (draft.kind) {
    case 'article':
      return draft.blocks.length > 0 ? { kind: 'article', blocks: draft.blocks } : missing('blocks', '文章至少需要一段内容')
    case 'poster':
      return draft.posterAssetId ? { kind: 'poster', imageAssetId: draft.posterAssetId } : missing('imageAssetId', '请上传海报图片')
    case 'product': {
      const priceFen = yuanToFen(draft.priceYuan)
      if (priceFen === null) return missing('priceFen', '请填写价格（元，最多两位小数）')
      if (draft.productImageIds.length === 0) return missing('imageAssetIds', '请至少上传一张商品图片')
      const link = draft.link.trim()
      return { kind: 'product', priceFen, imageAssetIds: draft.productImageIds, description: draft.description.trim(), ...(link ? { link } : {}) }
    }
    case 'page':
      return { kind: 'page', path: draft.pagePath.trim() }
    case 'file':
      return draft.fileAssetId ? { kind: 'file', fileAssetId: draft.fileAssetId, fileName: draft.fileName.trim() } : missing('fileAssetId', '请上传 PDF 文件')
  }
}

function callToAction(draft: MaterialDraft, issues: FieldIssue[]): MaterialInput['callToAction'] {
  if (draft.ctaKind === 'none') return undefined
  const target = draft.ctaTarget.trim()
  const label = draft.ctaLabel.trim() || undefined
  if (!target) {
    issues.push({ path: 'callToAction', message: draft.ctaKind === 'claim_coupon' ? '请填写优惠券批次 ID' : '请填写渠道参数 state' })
    return undefined
  }
  return draft.ctaKind === 'claim_coupon' ? { kind: 'claim_coupon', stockId: target, label } : { kind: 'add_staff', channelState: target, label }
}

const listOf = (text: string, separator: RegExp): string[] => text.split(separator).map((s) => s.trim()).filter(Boolean)

/** The API body for a draft, or what the manager still has to fix; lengths and limits are the server's to judge. */
export function materialInput(draft: MaterialDraft): Checked<MaterialInput> {
  const issues: FieldIssue[] = []
  if (!draft.title.trim()) issues.push({ path: 'title', message: '请填写标题' })
  if (!draft.category.trim()) issues.push({ path: 'category', message: '请填写分类' })
  const body = content(draft, issues)
  const cta = callToAction(draft, issues)
  if (issues.length > 0 || !body) return { issues }
  return {
    input: {
      title: draft.title.trim(),
      summary: draft.summary.trim(),
      ...(draft.coverAssetId ? { coverAssetId: draft.coverAssetId } : {}),
      content: body,
      scripts: listOf(draft.scripts, /\n/),
      ...(cta ? { callToAction: cta } : {}),
      category: draft.category.trim(),
      tags: listOf(draft.tags, /[,，]/),
      ...(draft.campaignId ? { campaignId: draft.campaignId } : {}),
      enabled: draft.enabled,
    },
  }
}
