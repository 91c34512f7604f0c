import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { SuspiciousReferral } from '@scrm/shared'
import { REFERRAL_FLAG_TEXT, REFERRAL_STATE_TEXT } from '../../../../lib/referrals'
import { formatShanghaiTime } from '../../../../lib/shanghaiTime'
import { ReferralAuditTrail } from './ReferralAuditTrail'
import { REVIEW_TEXT, ReviewForm, type Review } from './ReviewForm'

export const REFERRER_KIND_TEXT: Record<SuspiciousReferral['referrerKind'], string> = { staff: '员工', customer: '客户' }

/** Who invited whom, why it was flagged and from where; tapping it shows its audit trail. */
export function ReferralSummary({ referral }: { referral: SuspiciousReferral }) {
  return (
    <View>
      <Text className='line'>
        {REFERRER_KIND_TEXT[referral.referrerKind]} {referral.referrerName} → {referral.inviteeName}
        <Text className='badge'>{REFERRAL_STATE_TEXT[referral.state]}</Text>
      </Text>
      <Text className='line error' data-testid='suspicious-flags'>
        {referral.flags.map((flag) => REFERRAL_FLAG_TEXT[flag]).join('；')}
      </Text>
      <Text className='line muted'>
        {formatShanghaiTime(referral.recordedAt)} · IP {referral.ip ?? '—'} · 设备 {referral.device ?? '—'}
      </Text>
    </View>
  )
}

/** One flagged referral awaiting review: 作废 or 通过, each with a reason. */
export function SuspiciousRow({ referral, onReviewed }: { referral: SuspiciousReferral; onReviewed: (updated: SuspiciousReferral, review: Review) => void }) {
  const [expanded, setExpanded] = useState(false)
  const [review, setReview] = useState<Review>()

  return (
    <View className='card' data-testid='suspicious-row' data-referral-id={referral.id} data-invitee-name={referral.inviteeName}>
      <View data-testid='suspicious-summary' onClick={() => setExpanded((e) => !e)}>
        <ReferralSummary referral={referral} />
        <Text className='line muted'>{expanded ? '收起处理记录' : '点击查看处理记录'}</Text>
      </View>
      {expanded && <ReferralAuditTrail referralId={referral.id} />}
      {review ? (
        <ReviewForm referralId={referral.id} review={review} onDone={(updated) => onReviewed(updated, review)} onCancel={() => setReview(undefined)} />
      ) : (
        <View className='actions'>
          <Button size='mini' type='warn' data-testid='suspicious-void' onClick={() => setReview('void')}>
            {REVIEW_TEXT.void}
          </Button>
          <Button size='mini' data-testid='suspicious-clear' onClick={() => setReview('clear')}>
            {REVIEW_TEXT.clear}
          </Button>
        </View>
      )}
    </View>
  )
}
