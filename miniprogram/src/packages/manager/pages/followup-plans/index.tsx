import { useState } from 'react'
import { Button, Switch, Text, View } from '@tarojs/components'
import type { FollowupPlanView } from '@scrm/shared'
import { call } from '../../../../api/client'
import { LoadedList } from '../../../../components/LoadedList'
import { useReloadableApi } from '../../../../hooks/useApi'
import { useReloadOnReturn } from '../../../../hooks/useReloadOnReturn'
import { triggerText } from '../../../../lib/followups'
import { openPage } from '../../../../lib/pages'
import { errorText } from '../../components/errorText'
import { inputOf } from '../followup-plan/draft'

/** One plan: what starts it, how many steps, its version, and the switch that turns it on or off (a new version). */
function PlanRow({ plan, onChanged }: { plan: FollowupPlanView; onChanged: () => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  const setEnabled = async (enabled: boolean) => {
    setBusy(true)
    setError(undefined)
    try {
      await call('followupPlanUpdate', { ...inputOf(plan), enabled }, { params: { id: plan.id } })
      onChanged()
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card' data-testid='followup-plan' data-plan-key={plan.key ?? ''} data-version={plan.version} data-enabled={plan.enabled}>
      <Text className='line'>{plan.name}</Text>
      <Text className='line muted'>触发：{triggerText(plan.trigger)}</Text>
      <Text className='line muted' data-testid='plan-summary'>
        {plan.steps.length} 个步骤 · 第 {plan.version} 版
      </Text>
      <View className='actions'>
        <Switch data-testid='plan-switch' checked={plan.enabled} disabled={busy} onChange={(e) => void setEnabled(e.detail.value)} />
        <Text>{plan.enabled ? '已启用' : '已停用'}</Text>
        <Button size='mini' data-testid='plan-edit' onClick={() => openPage('followupPlan', { id: plan.id })}>编辑</Button>
        <Button size='mini' data-testid='plan-results' onClick={() => openPage('followupResults', { id: plan.id })}>效果</Button>
      </View>
      {error && <Text className='line error'>{error}</Text>}
    </View>
  )
}

/** Every follow-up plan, with the way to add, edit, switch and measure each. */
export default function FollowupPlans() {
  const [plans, reload] = useReloadableApi('followupPlans')
  useReloadOnReturn(reload)
  return (
    <View className='page'>
      <Text className='page-title'>跟进计划</Text>
      <Button id='plan-new' type='primary' className='line' onClick={() => openPage('followupPlan')}>新建跟进计划</Button>
      <LoadedList id='followup-plans' state={plans} rows={(data) => data.plans} empty='暂无跟进计划'>
        {(plan) => <PlanRow key={plan.id} plan={plan} onChanged={reload} />}
      </LoadedList>
    </View>
  )
}
