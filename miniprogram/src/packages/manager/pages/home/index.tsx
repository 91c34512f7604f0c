import { Text, View } from '@tarojs/components'
import { Loaded } from '../../../../components/Loaded'
import { useApi } from '../../../../hooks/useApi'

export default function ManagerHome() {
  const me = useApi('me')

  return (
    <View className='page'>
      <Text className='page-title'>管理后台</Text>
      <Loaded state={me}>{({ user }) => <Text className='line'>你好，{user.name}</Text>}</Loaded>
    </View>
  )
}
