import { Text, View } from '@tarojs/components'
import type { Leaderboard } from '@scrm/shared'
import type { LeaderboardMetricName } from '../../../../lib/referrals'

const SCORE_HEADING: Record<LeaderboardMetricName, string> = { qualified: '成功邀请', new: '新客户' }
const EMPTY_TEXT: Record<LeaderboardMetricName, string> = {
  qualified: '暂无上榜成员（好友添加顾问满合格天数后计入）',
  new: '暂无上榜成员（还没有通过邀请来的新客户）',
}

/** The top of one board: place, name and the score the board ranks by. */
export function LeaderboardList({ entries, metric }: { entries: Leaderboard['entries']; metric: LeaderboardMetricName }) {
  if (entries.length === 0) {
    return (
      <Text id='leaderboard-empty' className='line muted' data-metric={metric}>
        {EMPTY_TEXT[metric]}
      </Text>
    )
  }
  return (
    <View id='leaderboard-list' className='table section' data-metric={metric}>
      <View className='table-row'>
        <Text className='table-cell-first'>名次 · 姓名</Text>
        <Text className='table-cell'>{SCORE_HEADING[metric]}</Text>
      </View>
      {entries.map((entry) => (
        <View key={entry.memberId} className='table-row' data-testid='leaderboard-row' data-rank={entry.rank}>
          <Text className='table-cell-first'>
            {entry.rank}. {entry.name}
          </Text>
          <Text className='table-cell'>{entry.score}</Text>
        </View>
      ))}
    </View>
  )
}
