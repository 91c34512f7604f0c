import type { ReferralOutcome } from '@scrm/shared'

/** What a customer who opened a friend's invite reads; only `recorded` counts for the friend. */
export const REFERRAL_OUTCOME_TEXT: Record<ReferralOutcome, string> = {
  recorded: '你已接受好友邀请',
  already_referred: '你已通过其他好友的邀请参加了本活动',
  self_referral: '这是你自己的邀请，分享给好友吧',
  existing_customer: '欢迎回来！你已是我们的老朋友',
}

export type LeaderboardPeriodName = 'all' | 'day' | 'week' | 'month'

export const LEADERBOARD_PERIODS: Array<{ period: LeaderboardPeriodName; label: string }> = [
  { period: 'all', label: '总榜' },
  { period: 'day', label: '日榜' },
  { period: 'week', label: '周榜' },
  { period: 'month', label: '月榜' },
]
