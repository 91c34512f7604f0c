import { Text, View } from '@tarojs/components'
import { LoadedList } from '../../../../components/LoadedList'
import { useReloadableApi } from '../../../../hooks/useApi'
import { useRefreshableList } from '../../../../hooks/useReloadOnReturn'
import { openPage } from '../../../../lib/pages'
import { CopyButton } from '../../components/CopyButton'
import { FollowupCard } from '../../components/FollowupCard'

/** The staff member's follow-ups of the day: tasks and the customer messages to confirm in WeCom; a tap opens the customer. */
export default function MyTasks() {
  const [tasks, reload] = useReloadableApi('myTasks')
  useRefreshableList(reload)

  return (
    <View className='page'>
      <Text className='page-title'>今日任务</Text>
      <LoadedList id='my-tasks' state={tasks} rows={(data) => data.tasks} empty='今天没有跟进任务'>
        {(task) => (
          <FollowupCard key={task.id} task={task} title={task.customerName} onOpen={() => openPage('staffCustomer', { id: task.customerId })}>
            <CopyButton text={task.text} />
          </FollowupCard>
        )}
      </LoadedList>
    </View>
  )
}
