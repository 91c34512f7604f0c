import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Loaded } from '../../../../components/Loaded'
import { useReloadableApi } from '../../../../hooks/useApi'
import { LEADERBOARD_PERIODS, type LeaderboardPeriodName } from '../../../../lib/referrals'

/** The staff member's qualified referrals and place among the campaign's staff, per period. */
export function MyRank({ campaignId }: { campaignId: string }) {
  const [period, setPeriod] = useState<LeaderboardPeriodName>('all')
  const [rank] = useReloadableApi('myRank', { params: { id: campaignId }, query: { period } })

  return (
    <View id='my-rank' className='section'>
      <Text className='section-title'>我的排名</Text>
      <View className='tabs'>
        {LEADERBOARD_PERIODS.map((p) => (
          <Text key={p.period} id={`rank-period-${p.period}`} className={p.period === period ? 'tab tab-active' : 'tab'} onClick={() => setPeriod(p.period)}>
            {p.label}
          </Text>
        ))}
      </View>
      <Loaded state={rank}>
        {({ score, rank: place, members }) => (
          <View className='card'>
            <Text id='my-rank-score' className='line'>已成功邀请 {score} 位</Text>
            <Text id='my-rank-place' className='line'>{place === null ? '暂无排名' : `第 ${place} 名（共 ${members} 人）`}</Text>
          </View>
        )}
      </Loaded>
    </View>
  )
}
