import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Loaded } from '../../../../components/Loaded'
import { useReloadableApi } from '../../../../hooks/useApi'
import { LEADERBOARD_PERIODS, type LeaderboardPeriodName } from '../../../../lib/referrals'

/** The staff member's qualified referrals and new customers, with their places among the campaign's staff, per period. */
export function MyRank({ campaignId }: { campaignId: string }) {
  const [period, setPeriod] = useState<LeaderboardPeriodName>('all')
  const [rank] = useReloadableApi('myRank', { params: { id: campaignId }, query: { period } })
  const [brought] = useReloadableApi('myRank', { params: { id: campaignId }, query: { period, metric: 'new' } })

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
      <Loaded state={brought}>
        {({ score, rank: place }) => (
          <View className='card'>
            <Text id='my-new-score' className='line'>带来新客户 {score} 位</Text>
            <Text id='my-new-place' className='line'>{place === null ? '暂无排名' : `新客户榜第 ${place} 名`}</Text>
          </View>
        )}
      </Loaded>
    </View>
  )
}
