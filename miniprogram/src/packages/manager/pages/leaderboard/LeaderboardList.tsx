import { Text, View } from '@tarojs/components'
import type { Leaderboard } from '@scrm/shared'

/** The top of one board: place, name and qualified referrals. */
export function LeaderboardList({ entries }: { entries: Leaderboard['entries'] }) {
  if (entries.length === 0) return <Text id='leaderboard-empty' className='line muted'>暂无上榜成员（好友添加顾问满 7 天后计入）</Text>
  return (
    <View id='leaderboard-list' className='table section'>
      <View className='table-row'>
        <Text className='table-cell-first'>名次 · 姓名</Text>
        <Text className='table-cell'>成功邀请</Text>
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
