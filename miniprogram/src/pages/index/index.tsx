import { Text, View } from '@tarojs/components'
import { Loaded } from '../../components/Loaded'
import { useApi } from '../../hooks/useApi'
import { formatShanghaiTime } from '../../lib/shanghaiTime'

export default function Index() {
  const status = useApi('status')

  return (
    <View id='status' className='page'>
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
  )
}
