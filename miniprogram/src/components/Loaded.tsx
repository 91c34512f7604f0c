import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { ApiState } from '../hooks/useApi'

interface LoadedProps<T> {
  state: ApiState<T>
  children: (data: T) => ReactNode
}

/** Shows the loading and error states of an API call, and the page's content once it has data. */
export function Loaded<T>({ state, children }: LoadedProps<T>) {
  if (state.status === 'loading') return <Text className='line'>加载中…</Text>
  if (state.status === 'error') {
    return (
      <View className='error'>
        <Text className='line'>服务暂不可用</Text>
        <Text className='line'>{state.error.message}</Text>
      </View>
    )
  }
  return <>{children(state.data)}</>
}
