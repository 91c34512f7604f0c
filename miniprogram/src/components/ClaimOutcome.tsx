import { Button, Text, View } from '@tarojs/components'
import { claimTaken, type ClaimState } from '../hooks/useCouponClaims'
import { openPage } from '../lib/pages'

/** What came of a coupon claim, under its button: taken (with the way to the customer's coupons), or why not. */
export function ClaimOutcome({ claim }: { claim?: ClaimState }) {
  if (claimTaken(claim)) {
    return (
      <View className='claim-outcome'>
        <Text className='line'>{claim?.status === 'sending' ? '发放中' : '领取成功'}</Text>
        <Button className='go-my-coupons' size='mini' onClick={() => openPage('coupons')}>查看我的优惠券</Button>
      </View>
    )
  }
  if (claim?.status === 'failed') return <Text className='line error claim-outcome'>发放失败，请稍后重试</Text>
  if (claim?.status === 'refused' || claim?.status === 'unknown') return <Text className='line error claim-outcome'>{claim.message}</Text>
  return null
}
