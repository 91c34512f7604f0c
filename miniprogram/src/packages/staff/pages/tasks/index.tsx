import { Text, View } from '@tarojs/components'
import { stopPullDownRefresh, usePullDownRefresh } from '@tarojs/taro'
import { Loaded } from '../../../../components/Loaded'
import { useReloadableApi } from '../../../../hooks/useApi'
import { useReloadOnReturn } from '../../../../hooks/useReloadOnReturn'
import { openPage } from '../../../../lib/pages'
import { CopyButton } from '../../components/CopyButton'
import { FollowupCard } from '../../components/FollowupCard'

/** The staff member's follow-ups of the day: tasks and the customer messages to confirm in WeCom; a tap opens the customer. */
export default function MyTasks() {
  const [tasks, reload] = useReloadableApi('myTasks')
  useReloadOnReturn(reload)
  usePullDownRefresh(() => {
    reload()
    stopPullDownRefresh()
  })

  return (
    <View className='page'>
      <Text className='page-title'>今日任务</Text>
      <Loaded state={tasks}>
        {({ tasks: all }) => (
          <View id='my-tasks'>
            {all.length === 0 && <Text className='line muted'>今天没有跟进任务</Text>}
            {all.map((task) => (
              <FollowupCard key={task.id} task={task} title={task.customerName} onOpen={() => openPage('staffCustomer', { id: task.customerId })}>
                <CopyButton text={task.text} />
              </FollowupCard>
            ))}
          </View>
        )}
      </Loaded>
    </View>
  )
}
