import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { FollowupPlanResults, FollowupPlanView } from '@scrm/shared'
import { Loaded } from '../../../../components/Loaded'
import { useApi, useReloadableApi } from '../../../../hooks/useApi'
import { CHANNEL_LABELS, delayText } from '../../../../lib/followups'
import { StatsTable, type StatsColumn } from '../../components/StatsTable'

type StepCounts = FollowupPlanResults['steps'][number]

const TOTAL_COLUMNS: Array<StatsColumn<FollowupPlanResults>> = [
  { key: 'scheduled', label: '已安排' },
  { key: 'sent', label: '已发送' },
  { key: 'stopped', label: '已停止' },
  { key: 'failed', label: '失败' },
  { key: 'converted', label: '转化（之后购买）' },
]

const STEP_COLUMNS: Array<StatsColumn<StepCounts>> = [
  { key: 'scheduled', label: '已安排' },
  { key: 'pending', label: '待发送' },
  { key: 'sent', label: '已发送' },
  { key: 'stopped', label: '已停止' },
  { key: 'failed', label: '失败' },
]

/** Every step of the current version, and any step only an older version had, with its counts (zero when none). */
function stepRows(plan: FollowupPlanView | undefined, results: FollowupPlanResults): Array<{ label: string; counts: StepCounts }> {
  const count = Math.max(plan?.steps.length ?? 0, ...results.steps.map((s) => s.step + 1))
  return Array.from({ length: count }, (_, step) => {
    const defined = plan?.steps[step]
    const label = `第 ${step + 1} 步${defined ? ` · ${delayText(defined.delay)} · ${CHANNEL_LABELS[defined.channel]}` : '（旧版本）'}`
    const counts = results.steps.find((s) => s.step === step) ?? { step, scheduled: 0, pending: 0, sent: 0, stopped: 0, failed: 0 }
    return { label, counts }
  })
}

/** What a plan has done: follow-ups scheduled, sent, stopped and failed, customers who bought since, per step. */
export default function FollowupResultsPage() {
  const id = useRouter().params.id ?? ''
  const plans = useApi('followupPlans')
  const [results] = useReloadableApi('followupPlanResults', { params: { id } }, id !== '')
  if (!id) return <Text className='page line error'>缺少计划参数</Text>

  return (
    <View className='page'>
      <Loaded state={plans}>
        {({ plans: all }) => {
          const plan = all.find((p) => p.id === id)
          return (
            <View>
              <Text id='results-plan-name' className='page-title'>{plan?.name ?? '跟进计划'} · 效果</Text>
              <Loaded state={results}>
                {(data) => (
                  <View id='plan-results'>
                    <StatsTable id='plan-results-totals' heading='合计' columns={TOTAL_COLUMNS} rows={[{ label: '合计', counts: data }]} />
                    <Text className='section-title'>按步骤</Text>
                    <StatsTable id='plan-results-steps' heading='步骤' columns={STEP_COLUMNS} rows={stepRows(plan, data)} />
                  </View>
                )}
              </Loaded>
            </View>
          )
        }}
      </Loaded>
    </View>
  )
}
