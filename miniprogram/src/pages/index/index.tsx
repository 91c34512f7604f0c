import { Button, Text, View } from '@tarojs/components'
import { Loaded } from '../../components/Loaded'
import { useApi } from '../../hooks/useApi'
import { openPage } from '../../lib/pages'
import { formatShanghaiTime } from '../../lib/shanghaiTime'
import { DemoSignIn } from './DemoSignIn'

export default function Index() {
  const status = useApi('status')

  return (
    <View className='page'>
      <View id='status'>
        <Text className='page-title'>SCRM 助手</Text>
        <Loaded state={status}>
          {(service) => (
            <View>
              <View className='line'>
                <Text id='service-name'>{service.name}</Text>
                {service.sandbox && <Text className='badge'>沙箱模式</Text>}
              </View>
              <Text id='business-time' className='line'>{formatShanghaiTime(service.businessTime)}</Text>
              <Text className='line'>{service.workingTime ? '工作时间' : '非工作时间'}</Text>
            </View>
          )}
        </Loaded>
      </View>
      <Button id='go-my-coupons' className='line' onClick={() => openPage('coupons')}>我的优惠券</Button>
      {status.status === 'ok' && status.data.sandbox && <DemoSignIn />}
      <View className='section'>
        <Text className='section-title'>工作台</Text>
        <Button id='go-manager' className='line' onClick={() => openPage('managerHome')}>管理后台</Button>
        <Button id='go-staff' className='line' onClick={() => openPage('staffHome')}>员工工作台</Button>
      </View>
    </View>
  )
}
