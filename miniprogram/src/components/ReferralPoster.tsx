import { Text, View } from '@tarojs/components'
import { loadReferralPoster } from '../api/referralPoster'
import { PosterImage } from './PosterImage'

interface ReferralPosterProps {
  campaignId: string
  code: string
  /** Staff share the poster through WeChat's share sheet; customers save it to their album. */
  share?: boolean
}

/** The signed-in member's invite code and share poster, with how to keep the poster on this platform. */
export function ReferralPoster({ campaignId, code, share = false }: ReferralPosterProps) {
  return (
    <View id='referral-card' className='section'>
      <Text className='field-label'>我的邀请码</Text>
      <Text id='referral-code' className='redeem-code'>{code}</Text>
      <PosterImage id='referral-poster' load={() => loadReferralPoster(campaignId)} posterKey={campaignId} fileName={`invite-${code}.png`} share={share} />
    </View>
  )
}
