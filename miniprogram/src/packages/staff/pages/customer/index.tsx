import { Image, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { TimelineItem } from '@scrm/shared'
import { Loaded } from '../../../../components/Loaded'
import { useReloadableApi } from '../../../../hooks/useApi'
import { FOLLOW_STATUS_LABELS, TIMELINE_KIND_LABELS } from '../../../../lib/labels'
import { formatShanghaiTime } from '../../../../lib/shanghaiTime'
import { ContactedButton } from './ContactedButton'
import { CustomerReassign } from './CustomerReassign'
import { CustomerFollowups } from './CustomerFollowups'
import { FollowEditor } from './FollowEditor'
import { LeadScoreCard } from './LeadScoreCard'

function TimelineEntry({ item }: { item: TimelineItem }) {
  const staff = typeof item.data.staffUserId === 'string' ? item.data.staffUserId : undefined
  return (
    <View className='card' data-testid='timeline-item' data-kind={item.kind}>
      <Text className='line'>{TIMELINE_KIND_LABELS[item.kind] ?? item.kind}</Text>
      <Text className='muted'>
        {formatShanghaiTime(item.at)}
        {staff ? ` · 员工 ${staff}` : ''}
      </Text>
    </View>
  )
}

/** One customer: their lead score, who follows them, their follow-ups, what happened, and the viewer's remark and tags. */
export default function CustomerPage() {
  const id = useRouter().params.id ?? ''
  const [detail, reload] = useReloadableApi('customerGet', { params: { id } }, id !== '')

  if (!id) return <Text className='page line error'>缺少客户参数</Text>

  return (
    <View className='page'>
      <Loaded state={detail}>
        {({ customer, follows, timeline }) => (
          <View id='customer-detail'>
            <View className='line'>
              {customer.avatar && <Image src={customer.avatar} style={{ width: '80px', height: '80px', borderRadius: '8px' }} />}
              <Text id='customer-name' className='page-title'>{customer.name}</Text>
            </View>
            <Text className='line muted'>首次记录 {formatShanghaiTime(customer.createdAt)}</Text>
            <LeadScoreCard customerId={customer.id} />
            <ContactedButton customerId={customer.id} follows={follows} />
            <CustomerReassign customerId={customer.id} follows={follows} />

            <Text className='section-title'>跟进关系</Text>
            {follows.map((follow) => (
              <View key={follow.staffUserId} className='card'>
                <Text className='line'>
                  员工 {follow.staffUserId} · {FOLLOW_STATUS_LABELS[follow.status]} · 添加于 {formatShanghaiTime(follow.addedAt)}
                </Text>
                <FollowEditor customerId={customer.id} follow={follow} onSaved={reload} />
              </View>
            ))}

            <CustomerFollowups customerId={customer.id} />

            <Text className='section-title'>动态</Text>
            {timeline.length === 0 && <Text className='line muted'>暂无动态</Text>}
            {timeline.map((item, i) => (
              <TimelineEntry key={`${item.at}-${i}`} item={item} />
            ))}
          </View>
        )}
      </Loaded>
    </View>
  )
}
