import { useState } from 'react'
import { Input, Picker, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { CustomerListItem } from '@scrm/shared'
import { LoadedList } from '../../../../components/LoadedList'
import { useReloadableApi } from '../../../../hooks/useApi'
import { useRefreshableList } from '../../../../hooks/useReloadOnReturn'
import { FOLLOW_STATUS_LABELS, type FollowStatusName } from '../../../../lib/labels'
import { openPage } from '../../../../lib/pages'
import { LEAD_GRADE_LABELS } from '../../../../lib/materials'
import { formatShanghaiTime } from '../../../../lib/shanghaiTime'

const STATUS_CHOICES: Array<{ label: string; value?: FollowStatusName }> = [
  { label: '全部状态' },
  ...(Object.keys(FOLLOW_STATUS_LABELS) as FollowStatusName[]).map((value) => ({ label: FOLLOW_STATUS_LABELS[value], value })),
]

const SORT_CHOICES: Array<{ label: string; value: 'recent' | 'score' }> = [
  { label: '最近添加', value: 'recent' },
  { label: '评分最高', value: 'score' },
]

function CustomerRow({ customer }: { customer: CustomerListItem }) {
  return (
    <View
      id={`customer-${customer.customerId}`}
      className='card'
      data-testid='customer-row'
      data-customer-name={customer.name}
      data-grade={customer.grade}
      data-score={customer.score}
      onClick={() => openPage('staffCustomer', { id: customer.customerId })}
    >
      <View className='line'>
        <Text className='customer-name'>{customer.name}</Text>
        {customer.remark && <Text className='muted'>（{customer.remark}）</Text>}
        <Text className='badge'>{FOLLOW_STATUS_LABELS[customer.status]}</Text>
        <Text className={`badge grade-${customer.grade}`} data-testid='customer-grade'>
          {LEAD_GRADE_LABELS[customer.grade]} · {customer.score} 分
        </Text>
      </View>
      <Text className='line muted'>添加于 {formatShanghaiTime(customer.addedAt)}</Text>
      {customer.tags.length > 0 && (
        <View className='chips'>
          {customer.tags.map((tag) => (
            <Text key={tag} className='chip'>{tag}</Text>
          ))}
        </View>
      )}
    </View>
  )
}

/** A staff member's customers (a manager's: everyone's) with their lead grade, filtered by channel, tag and status, latest or hottest first. */
export default function StaffCustomers() {
  const params = useRouter().params
  const [channelId, setChannelId] = useState(params.channelId ?? '')
  const [tag, setTag] = useState(params.tag ?? '')
  const [statusIndex, setStatusIndex] = useState(0)
  const [sortIndex, setSortIndex] = useState(() => Math.max(0, SORT_CHOICES.findIndex((c) => c.value === params.sort)))
  const query = {
    channelId: channelId.trim() || undefined,
    tag: tag.trim() || undefined,
    status: STATUS_CHOICES[statusIndex].value,
    sort: SORT_CHOICES[sortIndex].value,
  }
  const [customers, reload] = useReloadableApi('customerList', { query })

  useRefreshableList(reload)

  return (
    <View className='page'>
      <Text className='page-title'>我的客户</Text>
      <View className='section'>
        <View className='field'>
          <Picker mode='selector' range={SORT_CHOICES.map((c) => c.label)} value={sortIndex} onChange={(e) => setSortIndex(Number(e.detail.value))}>
            <View id='sort-customers' className='input'>{SORT_CHOICES[sortIndex].label}</View>
          </Picker>
        </View>
        <View className='field'>
          <Picker mode='selector' range={STATUS_CHOICES.map((c) => c.label)} value={statusIndex} onChange={(e) => setStatusIndex(Number(e.detail.value))}>
            <View id='filter-status' className='input'>{STATUS_CHOICES[statusIndex].label}</View>
          </Picker>
        </View>
        <View className='field'>
          <Input id='filter-tag' className='input' placeholder='按标签筛选（标签 ID）' value={tag} onConfirm={(e) => setTag(e.detail.value)} onBlur={(e) => setTag(e.detail.value)} />
        </View>
        <View className='field'>
          <Input id='filter-channel' className='input' placeholder='按渠道筛选（渠道 ID）' value={channelId} onConfirm={(e) => setChannelId(e.detail.value)} onBlur={(e) => setChannelId(e.detail.value)} />
        </View>
      </View>
      <LoadedList
        id='customer-list'
        state={customers}
        rows={(data) => data.customers}
        empty='暂无客户'
        header={({ total }) => <Text className='line muted'>共 {total} 位客户</Text>}
      >
        {(customer) => <CustomerRow key={`${customer.customerId}-${customer.staffUserId}`} customer={customer} />}
      </LoadedList>
    </View>
  )
}
