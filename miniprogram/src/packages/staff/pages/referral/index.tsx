import { useEffect, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Loaded } from '../../../../components/Loaded'
import { ReferralPoster } from '../../../../components/ReferralPoster'
import { useReloadableApi } from '../../../../hooks/useApi'
import { routeParam } from '../../../../lib/pages'
import { savedReferralCampaign, saveReferralCampaign } from '../../lib/referralCampaign'
import { MyRank } from './MyRank'

/** A staff member's invite code, share poster and rank in one campaign (from the link, or the last one). */
export default function StaffReferral() {
  const fromLink = routeParam(useRouter().params.campaignId).trim()
  const [campaignId, setCampaignId] = useState(() => fromLink || savedReferralCampaign())
  const [typed, setTyped] = useState(campaignId)
  const [referral] = useReloadableApi('myReferral', { params: { id: campaignId } }, campaignId !== '')

  useEffect(() => {
    if (campaignId) saveReferralCampaign(campaignId)
  }, [campaignId])

  return (
    <View className='page'>
      <Text className='page-title'>我的推广码</Text>
      <View className='field'>
        <Text className='field-label'>活动编号</Text>
        <Input id='referral-campaign-input' className='input' maxlength={64} placeholder='管理员提供的活动编号' value={typed} onInput={(e) => setTyped(e.detail.value)} />
        <Button id='referral-campaign-switch' size='mini' onClick={() => setCampaignId(typed.trim())}>切换活动</Button>
      </View>
      {!campaignId && <Text className='line muted'>请输入活动编号</Text>}
      {campaignId && (
        <View key={campaignId}>
          <Loaded state={referral}>{({ code }) => <ReferralPoster campaignId={campaignId} code={code} share />}</Loaded>
          <MyRank campaignId={campaignId} />
        </View>
      )}
    </View>
  )
}
