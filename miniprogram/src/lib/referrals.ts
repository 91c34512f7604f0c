import type { ReferralAudit, ReferralFlag, ReferralOutcome, SuspiciousReferral } from '@scrm/shared'

/** What a customer who opened a friend's invite reads; only `recorded` counts for the friend. */
export const REFERRAL_OUTCOME_TEXT: Record<ReferralOutcome, string> = {
  recorded: '你已接受好友邀请',
  already_referred: '你已通过其他好友的邀请参加了本活动',
  self_referral: '这是你自己的邀请，分享给好友吧',
  existing_customer: '欢迎回来！你已是我们的老朋友',
  rate_limited: '邀请过于频繁，请稍后再试',
  cap_reached: '该好友的邀请名额已满',
}

/** Outcomes the customer can do something about later: the page offers to try again. */
export const RETRYABLE_OUTCOMES: ReadonlySet<ReferralOutcome> = new Set(['rate_limited'])

export type LeaderboardMetricName = 'qualified' | 'new'

export const LEADERBOARD_METRICS: Array<{ metric: LeaderboardMetricName; label: string }> = [
  { metric: 'qualified', label: '合格邀请' },
  { metric: 'new', label: '新客户' },
]

/** Why a referral was held for review, as a manager reads it. */
export const REFERRAL_FLAG_TEXT: Record<ReferralFlag, string> = {
  ip_burst: '同一IP短时间大量邀请',
  device_burst: '同一设备短时间大量邀请',
}

export const REFERRAL_STATE_TEXT: Record<SuspiciousReferral['state'], string> = {
  pending: '待合格',
  qualified: '已合格',
  revoked: '已流失',
  voided: '已作废',
}

export const REFERRAL_AUDIT_ACTION_TEXT: Record<ReferralAudit['entries'][number]['action'], string> = {
  flagged: '标记可疑',
  voided: '作废',
  cleared: '通过',
}

export type LeaderboardPeriodName = 'all' | 'day' | 'week' | 'month'

export const LEADERBOARD_PERIODS: Array<{ period: LeaderboardPeriodName; label: string }> = [
  { period: 'all', label: '总榜' },
  { period: 'day', label: '日榜' },
  { period: 'week', label: '周榜' },
  { period: 'month', label: '月榜' },
]
