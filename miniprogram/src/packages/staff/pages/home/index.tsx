import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { Loaded } from '../../../../components/Loaded'
import { useApi } from '../../../../hooks/useApi'
import { openPage } from '../../../../lib/pages'
import { savedReferralCampaign } from '../../lib/referralCampaign'

export default function StaffHome() {
  const me = useApi('me')
  const [campaignId, setCampaignId] = useState(savedReferralCampaign)

  return (
    <View className='page'>
      <Text className='page-title'>员工工作台</Text>
      <Loaded state={me}>{({ user }) => <Text id='staff-greeting' className='line'>你好，{user.name}</Text>}</Loaded>
      <Button id='go-my-tasks' className='line' onClick={() => openPage('myTasks')}>今日任务</Button>
      <Button id='go-customers' className='line' onClick={() => openPage('staffCustomers')}>我的客户</Button>
      <Button id='go-materials' className='line' onClick={() => openPage('staffMaterials')}>素材库</Button>
      <Button id='go-my-shares' className='line' onClick={() => openPage('myShares')}>我的分享</Button>
      <Button id='go-redeem' className='line' onClick={() => openPage('staffRedeem')}>核销优惠券</Button>
      <View className='field'>
        <Text className='field-label'>推广活动编号</Text>
        <Input id='go-referral-campaign' className='input' maxlength={64} placeholder='管理员提供的活动编号' value={campaignId} onInput={(e) => setCampaignId(e.detail.value)} />
      </View>
      <Button id='go-referral' className='line' disabled={!campaignId.trim()} onClick={() => openPage('staffReferral', { campaignId: campaignId.trim() })}>
        我的推广码
      </Button>
    </View>
  )
}
