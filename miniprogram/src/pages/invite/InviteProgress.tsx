import { Text, View } from '@tarojs/components'
import { useCustomerApi } from '../../hooks/useCustomerApi'

/**
 * How far the customer is up the campaign's reward ladder. Shown only when the server answers:
 * a campaign without a ladder (or a server without the endpoint yet) simply has no section.
 */
export function InviteProgress({ campaignId }: { campaignId: string }) {
  const [progress] = useCustomerApi('myProgress', { params: { id: campaignId } })
  if (progress.status !== 'ok') return null
  const { qualified, pending, tiers, toNextTier } = progress.data

  return (
    <View id='invite-progress' className='section'>
      <Text className='section-title'>邀请奖励</Text>
      <Text id='invite-progress-summary' className='line'>
        已邀请 {qualified} 位好友{toNextTier !== null ? `，还差 ${toNextTier} 位` : ''}
      </Text>
      {pending > 0 && <Text className='line muted'>另有 {pending} 位好友待确认（添加顾问满 7 天后计入）</Text>}
      {tiers.map((tier) => (
        <View key={tier.threshold} className='card' data-testid='invite-tier' data-granted={tier.granted}>
          <Text className='line'>
            邀请 {tier.threshold} 位：{tier.stockName}
            {tier.granted && <Text className='badge'>已领取</Text>}
          </Text>
        </View>
      ))}
    </View>
  )
}
