import { Text, View } from '@tarojs/components'
import { Loaded } from '../../../../components/Loaded'
import { useApi } from '../../../../hooks/useApi'
import { LEAD_GRADE_LABELS } from '../../../../lib/materials'

/** The customer's lead score today, its grade, and the factors that add up to it. */
export function LeadScoreCard({ customerId }: { customerId: string }) {
  const score = useApi('customerScore', { params: { id: customerId } })
  return (
    <Loaded state={score}>
      {({ score: points, grade, factors }) => (
        <View id='lead-score' className='card' data-grade={grade} data-score={points}>
          <Text className='line'>
            线索评分 {points} 分<Text className={`badge grade-${grade}`}>{LEAD_GRADE_LABELS[grade]}</Text>
          </Text>
          {factors.map((factor, i) => (
            <View key={i} className='table-row' data-testid='score-factor'>
              <Text className='table-cell-first'>{factor.label}</Text>
              <Text className='table-cell'>{factor.points > 0 ? `+${factor.points}` : factor.points}</Text>
            </View>
          ))}
        </View>
      )}
    </Loaded>
  )
}
