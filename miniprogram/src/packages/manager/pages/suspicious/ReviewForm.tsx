import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import type { SuspiciousReferral } from '@scrm/shared'
import { call } from '../../../../api/client'
import { errorText, fieldIssues } from '../../components/errorText'

export type Review = 'void' | 'clear'

export const REVIEW_TEXT: Record<Review, string> = { void: '作废', clear: '通过' }

const REASON_MIN = 2
const REASON_MAX = 200

/** The reason for voiding or clearing one referral, kept in its audit trail; sends the review once it reads well. */
export function ReviewForm({
  referralId,
  review,
  onDone,
  onCancel,
}: {
  referralId: string
  review: Review
  onDone: (updated: SuspiciousReferral) => void
  onCancel: () => void
}) {
  const [reason, setReason] = useState('')
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string>()

  const send = async () => {
    const trimmed = reason.trim()
    if (trimmed.length < REASON_MIN || trimmed.length > REASON_MAX) return setError(`请填写原因（${REASON_MIN}–${REASON_MAX} 字）`)
    setError(undefined)
    setSending(true)
    try {
      const params = { params: { id: referralId } }
      const updated = review === 'void' ? await call('referralVoid', { reason: trimmed }, params) : await call('referralClear', { reason: trimmed }, params)
      onDone(updated)
    } catch (err) {
      const reasonIssue = fieldIssues(err).find((issue) => issue.path === 'reason')
      setError(reasonIssue ? reasonIssue.message : errorText(err))
      setSending(false)
    }
  }

  return (
    <View className='field' data-testid='review-form' data-review={review}>
      <Text className='field-label'>{REVIEW_TEXT[review]}原因</Text>
      <Input
        className='input'
        data-testid='review-reason'
        maxlength={REASON_MAX}
        placeholder={`${REASON_MIN}–${REASON_MAX} 字，记入处理记录`}
        value={reason}
        onInput={(e) => setReason(e.detail.value)}
      />
      {error && <Text className='line error' data-testid='review-error'>{error}</Text>}
      <View className='actions'>
        <Button size='mini' type={review === 'void' ? 'warn' : 'primary'} data-testid='review-confirm' disabled={sending} loading={sending} onClick={send}>
          确认{REVIEW_TEXT[review]}
        </Button>
        <Button size='mini' data-testid='review-cancel' disabled={sending} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
