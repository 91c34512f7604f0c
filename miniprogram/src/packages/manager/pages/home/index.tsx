import { Button, Text, View } from '@tarojs/components'
import { Loaded } from '../../../../components/Loaded'
import { useApi } from '../../../../hooks/useApi'
import { openPage } from '../../../../lib/pages'

export default function ManagerHome() {
  const me = useApi('me')

  return (
    <View className='page'>
      <Text className='page-title'>管理后台</Text>
      <Loaded state={me}>{({ user }) => <Text id='manager-greeting' className='line'>你好，{user.name}</Text>}</Loaded>
      <Button id='go-campaigns' className='line' onClick={() => openPage('campaigns')}>活动与渠道</Button>
      <Button id='go-all-customers' className='line' onClick={() => openPage('staffCustomers')}>全部客户</Button>
      <Button id='go-materials' className='line' onClick={() => openPage('managerMaterials')}>素材库管理</Button>
      <Button id='go-scoring' className='line' onClick={() => openPage('scoringRules')}>线索评分规则</Button>
      <Button id='go-followup-plans' className='line' onClick={() => openPage('followupPlans')}>跟进计划</Button>
    </View>
  )
}
