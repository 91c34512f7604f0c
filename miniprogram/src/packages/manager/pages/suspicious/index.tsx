import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { SuspiciousReferral } from '@scrm/shared'
import { Loaded } from '../../../../components/Loaded'
import { useReloadableApi } from '../../../../hooks/useApi'
import { routeParam } from '../../../../lib/pages'
import { InviterList } from './InviterList'
import { ReferralAuditTrail } from './ReferralAuditTrail'
import { REVIEW_TEXT, type Review } from './ReviewForm'
import { ReferralSummary, SuspiciousRow } from './SuspiciousRow'

interface Reviewed {
  referral: SuspiciousReferral
  review: Review
}

/**
 * A campaign's flagged referrals, held from qualifying until a manager voids or clears each with a
 * reason, and the referrers whose invitees often leave.
 */
export default function SuspiciousReferrals() {
  const campaignId = routeParam(useRouter().params.campaignId).trim()
  const [list] = useReloadableApi('suspicious', { params: { id: campaignId } }, campaignId !== '')
  // Reviewed here: shown below with their audit trail and taken out of the list (the server no longer
  // lists them either). Not reloading keeps the other rows as they are, a reason half typed included.
  const [reviewed, setReviewed] = useState<Reviewed[]>([])

  if (!campaignId) return <Text className='page line error'>缺少活动参数</Text>

  const onReviewed = (referral: SuspiciousReferral, review: Review) => {
    setReviewed((done) => [{ referral, review }, ...done.filter((d) => d.referral.id !== referral.id)])
  }
  const reviewedIds = new Set(reviewed.map((d) => d.referral.id))

  return (
    <View id='suspicious' className='page'>
      <Text className='page-title'>可疑邀请</Text>
      <Text className='line muted'>被标记的邀请暂不计入合格人数，作废或通过后才有结论。点击一条查看处理记录。</Text>
      <Loaded state={list}>
        {({ referrals, inviters }) => {
          const waiting = referrals.filter((r) => !reviewedIds.has(r.id))
          return (
            <View>
              <View id='suspicious-list' className='section'>
                {waiting.length === 0 && <Text id='suspicious-empty' className='line muted'>暂无待处理的可疑邀请</Text>}
                {waiting.map((referral) => (
                  <SuspiciousRow key={referral.id} referral={referral} onReviewed={onReviewed} />
                ))}
              </View>
              <Text className='section-title'>邀请质量偏低的邀请人</Text>
              <Text className='line muted'>其邀请的好友常在合格前流失</Text>
              <InviterList inviters={inviters} />
            </View>
          )
        }}
      </Loaded>
      {reviewed.length > 0 && (
        <View id='reviewed-list' className='section'>
          <Text className='section-title'>刚处理的邀请</Text>
          {reviewed.map(({ referral, review }) => (
            <View key={referral.id} className='card' data-testid='reviewed-row' data-referral-id={referral.id} data-review={review}>
              <ReferralSummary referral={referral} />
              <Text className='line'>已{REVIEW_TEXT[review]}</Text>
              <ReferralAuditTrail referralId={referral.id} />
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
