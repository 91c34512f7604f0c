import { Text, View } from '@tarojs/components'

/** The whole page when the link that opened it lacks the parameter it needs (a truncated or hand-edited link). */
export function BrokenLink({ reason }: { reason: string }) {
  return (
    <View className='page'>
      <Text className='line error'>{reason}</Text>
    </View>
  )
}
