import type { LeadGrade, MaterialKind, ShareChannel } from '@scrm/shared'

export const MATERIAL_KIND_LABELS: Record<MaterialKind, string> = {
  article: '文章',
  poster: '海报',
  product: '商品卡片',
  page: '小程序页面',
  file: '文件',
}

export const SHARE_CHANNEL_LABELS: Record<ShareChannel, string> = {
  card: '小程序卡片',
  poster: '海报',
  forward: '客户转发',
}

export const LEAD_GRADE_LABELS: Record<LeadGrade, string> = {
  hot: '热',
  warm: '温',
  cold: '冷',
}

/** 45_000 → "45 秒", 150_000 → "2 分 30 秒". */
export function dwellText(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds} 秒`
  const rest = seconds % 60
  return rest ? `${Math.floor(seconds / 60)} 分 ${rest} 秒` : `${seconds / 60} 分钟`
}
