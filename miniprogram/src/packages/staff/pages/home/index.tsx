import { Button, Text, View } from '@tarojs/components'
import { Loaded } from '../../../../components/Loaded'
import { useApi } from '../../../../hooks/useApi'
import { openPage } from '../../../../lib/pages'

export default function StaffHome() {
  const me = useApi('me')

  return (
    <View className='page'>
      <Text className='page-title'>员工工作台</Text>
      <Loaded state={me}>{({ user }) => <Text id='staff-greeting' className='line'>你好，{user.name}</Text>}</Loaded>
      <Button id='go-customers' className='line' onClick={() => openPage('staffCustomers')}>我的客户</Button>
      <Button id='go-redeem' className='line' onClick={() => openPage('staffRedeem')}>核销优惠券</Button>
    </View>
  )
}
