import { Text, View } from '@tarojs/components'
import { Loaded } from '../../../../components/Loaded'
import { useApi } from '../../../../hooks/useApi'
import { FollowupCard } from '../../components/FollowupCard'

/** The customer's follow-ups, newest first: what was sent, what is coming and when, what stopped and why. */
export function CustomerFollowups({ customerId }: { customerId: string }) {
  const followups = useApi('customerFollowups', { params: { id: customerId } })
  return (
    <View id='customer-followups'>
      <Text className='section-title'>跟进</Text>
      <Loaded state={followups}>
        {({ tasks }) => (
          <View>
            {tasks.length === 0 && <Text className='line muted'>暂无跟进</Text>}
            {tasks.map((task) => (
              <FollowupCard key={task.id} task={task} title={`第 ${task.step + 1} 步`} />
            ))}
          </View>
        )}
      </Loaded>
    </View>
  )
}
