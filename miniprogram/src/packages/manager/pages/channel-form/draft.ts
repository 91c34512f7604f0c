import type { ChannelInput, ChannelKind, ChannelView, RoutingRule, WelcomeAttachment } from '@scrm/shared'
import { fenToYuan, yuanToFen } from '../../../../lib/money'
import { shanghaiDate, shanghaiDayEnd, shanghaiDayStart, shanghaiToday } from '../../../../lib/shanghaiTime'

export type AttachmentKind = 'none' | 'link' | 'miniprogram'

/** The channel form as the manager types it: text fields stay text until the draft is submitted. */
export interface ChannelDraft {
  name: string
  kind: ChannelKind
  from: string
  to: string
  costYuan: string
  staffPool: string[]
  routingKind: RoutingRule['kind']
  dailyCap: string
  fallbackStaff: string
  tags: string
  welcomeText: string
  attachmentKind: AttachmentKind
  attachmentTitle: string
  /** The link's URL or the mini-program page. */
  attachmentTarget: string
  /** Attachments the form does not edit (images), kept as they are. */
  otherAttachments: WelcomeAttachment[]
  temporary: boolean
}

export const emptyDraft = (): ChannelDraft => ({
  name: '',
  kind: 'poster',
  from: shanghaiToday(),
  to: shanghaiToday(30),
  costYuan: '',
  staffPool: [],
  routingKind: 'round_robin',
  dailyCap: '',
  fallbackStaff: '',
  tags: '',
  welcomeText: '',
  attachmentKind: 'none',
  attachmentTitle: '',
  attachmentTarget: '',
  otherAttachments: [],
  temporary: false,
})

export function draftFromChannel(channel: ChannelView): ChannelDraft {
  const edited = channel.welcome.attachments.find((a) => a.type === 'link' || a.type === 'miniprogram')
  return {
    name: channel.name,
    kind: channel.kind,
    from: shanghaiDate(channel.startsAt),
    to: shanghaiDate(channel.endsAt),
    costYuan: channel.costFen ? fenToYuan(channel.costFen) : '',
    staffPool: channel.staffPool,
    routingKind: channel.routing.kind,
    dailyCap: channel.routing.dailyCap ? String(channel.routing.dailyCap) : '',
    fallbackStaff: channel.routing.fallbackStaff ?? '',
    tags: channel.tags.join(', '),
    welcomeText: channel.welcome.text,
    attachmentKind: edited?.type ?? 'none',
    attachmentTitle: edited && 'title' in edited ? edited.title : '',
    attachmentTarget: edited?.type === 'link' ? edited.url : edited?.type === 'miniprogram' ? edited.page : '',
    otherAttachments: channel.welcome.attachments.filter((a) => a !== edited),
    temporary: channel.temporary,
  }
}

const splitList = (text: string) =>
  text
    .split(/[,，\s]+/)
    .map((t) => t.trim())
    .filter(Boolean)

function attachment(draft: ChannelDraft): WelcomeAttachment | string | undefined {
  if (draft.attachmentKind === 'none') return undefined
  const title = draft.attachmentTitle.trim()
  const target = draft.attachmentTarget.trim()
  if (!title) return '请填写附件标题'
  if (draft.attachmentKind === 'link') {
    if (!/^https?:\/\/\S+$/.test(target)) return '链接地址需以 http:// 或 https:// 开头'
    return { type: 'link', title, url: target }
  }
  if (!target) return '请填写小程序页面路径'
  return { type: 'miniprogram', title, page: target }
}

/** The API body for a draft, or the first thing the manager still has to fix. */
export function channelInput(draft: ChannelDraft, campaignId: string): { input: ChannelInput } | { error: string } {
  const costFen = yuanToFen(draft.costYuan)
  const dailyCap = draft.dailyCap.trim() === '' ? undefined : Number(draft.dailyCap)
  const extra = attachment(draft)
  if (!draft.name.trim()) return { error: '请填写渠道名称' }
  if (draft.to < draft.from) return { error: '结束日期不能早于开始日期' }
  if (costFen === null) return { error: '成本请填写金额（元，最多两位小数）' }
  if (draft.staffPool.length === 0) return { error: '请至少选择一名员工' }
  if (dailyCap !== undefined && (!Number.isInteger(dailyCap) || dailyCap < 1)) return { error: '每日上限需为正整数' }
  if (draft.fallbackStaff && !draft.staffPool.includes(draft.fallbackStaff)) return { error: '兜底员工需在员工池中' }
  if (typeof extra === 'string') return { error: extra }
  return {
    input: {
      campaignId,
      name: draft.name.trim(),
      kind: draft.kind,
      startsAt: shanghaiDayStart(draft.from),
      endsAt: shanghaiDayEnd(draft.to),
      costFen,
      staffPool: draft.staffPool,
      routing: {
        kind: draft.routingKind,
        ...(dailyCap !== undefined ? { dailyCap } : {}),
        ...(draft.fallbackStaff ? { fallbackStaff: draft.fallbackStaff } : {}),
      },
      tags: splitList(draft.tags),
      welcome: { text: draft.welcomeText, attachments: [...(extra ? [extra] : []), ...draft.otherAttachments] },
      temporary: draft.temporary,
    },
  }
}
