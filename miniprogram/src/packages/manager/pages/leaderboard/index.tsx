import { useState } from 'react'
import { Input, Picker, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Loaded } from '../../../../components/Loaded'
import { useReloadableApi } from '../../../../hooks/useApi'
import { LEADERBOARD_METRICS, LEADERBOARD_PERIODS, type LeaderboardMetricName, type LeaderboardPeriodName } from '../../../../lib/referrals'
import { shanghaiToday } from '../../../../lib/shanghaiTime'
import { LeaderboardList } from './LeaderboardList'

type Board = 'staff' | 'customer'

const BOARDS: Array<{ board: Board; label: string }> = [
  { board: 'staff', label: '员工榜' },
  { board: 'customer', label: '客户榜' },
]

/** A WeCom department id as typed; anything but a positive whole number means every department. */
const departmentOf = (typed: string): number | undefined => (/^[1-9]\d*$/.test(typed.trim()) ? Number(typed.trim()) : undefined)

/**
 * A campaign's referral leaderboards: staff or customers, by qualified invitees or new customers,
 * over the whole campaign or one day, week or month.
 */
export default function LeaderboardPage() {
  const campaignId = useRouter().params.campaignId ?? ''
  const [board, setBoard] = useState<Board>('staff')
  const [metric, setMetric] = useState<LeaderboardMetricName>('qualified')
  const [period, setPeriod] = useState<LeaderboardPeriodName>('all')
  const [date, setDate] = useState(() => shanghaiToday())
  const [department, setDepartment] = useState('')
  const query = {
    board,
    metric,
    period,
    date: period === 'all' ? undefined : date,
    department: board === 'staff' ? departmentOf(department) : undefined,
  }
  const [leaderboard] = useReloadableApi('leaderboard', { params: { id: campaignId }, query }, campaignId !== '')

  if (!campaignId) return <Text className='page line error'>缺少活动参数</Text>

  return (
    <View className='page'>
      <Text className='page-title'>邀请排行榜</Text>
      <View className='tabs'>
        {BOARDS.map((b) => (
          <Text key={b.board} id={`board-${b.board}`} className={b.board === board ? 'tab tab-active' : 'tab'} onClick={() => setBoard(b.board)}>
            {b.label}
          </Text>
        ))}
      </View>
      <View className='chips section'>
        {LEADERBOARD_METRICS.map((m) => (
          <Text key={m.metric} id={`metric-${m.metric}`} className={m.metric === metric ? 'chip' : 'chip chip-off'} onClick={() => setMetric(m.metric)}>
            {m.label}
          </Text>
        ))}
      </View>
      <View className='chips section'>
        {LEADERBOARD_PERIODS.map((p) => (
          <Text key={p.period} id={`period-${p.period}`} className={p.period === period ? 'chip' : 'chip chip-off'} onClick={() => setPeriod(p.period)}>
            {p.label}
          </Text>
        ))}
      </View>
      {period !== 'all' && (
        <View className='field'>
          <Text className='field-label'>日期（所在的日、周或月）</Text>
          <Picker mode='date' value={date} onChange={(e) => setDate(e.detail.value)}>
            <View id='leaderboard-date' className='input'>{date}</View>
          </Picker>
        </View>
      )}
      {board === 'staff' && (
        <View className='field'>
          <Text className='field-label'>部门编号（留空为全部）</Text>
          <Input id='leaderboard-department' className='input' type='number' placeholder='全部部门' value={department} onInput={(e) => setDepartment(e.detail.value)} />
        </View>
      )}
      <Loaded state={leaderboard}>{({ entries }) => <LeaderboardList entries={entries} metric={metric} />}</Loaded>
    </View>
  )
}
