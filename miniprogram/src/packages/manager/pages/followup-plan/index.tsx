import { useState } from 'react'
import { Button, Input, Switch, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { FollowupPlanInput, FollowupPlanView } from '@scrm/shared'
import { call } from '../../../../api/client'
import { Loaded } from '../../../../components/Loaded'
import { useApi } from '../../../../hooks/useApi'
import { PAGES } from '../../../../lib/pages'
import { FieldError } from '../../components/FieldError'
import { SubmitFeedback } from '../../components/SubmitFeedback'
import { useSubmit } from '../../components/useSubmit'
import { draftOf, emptyPlanDraft, emptyStep, MAX_STEPS, planInput, shownPaths, type PlanDraft, type StepDraft } from './draft'
import { StepFields } from './StepFields'
import { TriggerFields } from './TriggerFields'

/** Saves the draft: a new plan, or the plan's next version. */
const savePlan = (id: string | undefined, input: FollowupPlanInput): Promise<{ plan: FollowupPlanView }> =>
  id ? call('followupPlanUpdate', input, { params: { id } }) : call('followupPlanCreate', input)

/** The steps with the one at `index` moved by one place. */
function moved(steps: StepDraft[], index: number, by: -1 | 1): StepDraft[] {
  const next = [...steps]
  const [step] = next.splice(index, 1)
  next.splice(index + by, 0, step)
  return next
}

function PlanForm({ plan }: { plan?: FollowupPlanView }) {
  const [draft, setDraft] = useState<PlanDraft>(() => (plan ? draftOf(plan) : emptyPlanDraft()))
  const [version, setVersion] = useState(plan?.version)
  const { submit, saving, issues, message } = useSubmit()
  const change = (patch: Partial<PlanDraft>) => setDraft((d) => ({ ...d, ...patch }))
  const changeStep = (index: number, patch: Partial<StepDraft>) =>
    setDraft((d) => ({ ...d, steps: d.steps.map((s, i) => (i === index ? { ...s, ...patch } : s)) }))

  const save = () =>
    submit(planInput(draft), (input) => savePlan(plan?.id, input), ({ plan: saved }) => {
      // A new plan opens as itself, so the next save edits it.
      if (!plan) void Taro.redirectTo({ url: `${PAGES.followupPlan}?id=${saved.id}` })
      setDraft(draftOf(saved))
      setVersion(saved.version)
      return `已保存为第 ${saved.version} 版`
    })

  return (
    <View id='plan-form' data-version={version}>
      {version !== undefined && <Text className='line muted'>当前第 {version} 版。保存后生成新版本，旧版本已安排的步骤按“计划已修改”停止。</Text>}
      <View className='field'>
        <Text className='field-label'>计划名称</Text>
        <Input id='plan-name' className='input' maxlength={64} value={draft.name} onInput={(e) => change({ name: e.detail.value })} />
        <FieldError issues={issues} path='name' />
      </View>
      <TriggerFields draft={draft} issues={issues} onChange={change} />
      <Text className='section-title'>步骤（按顺序）</Text>
      {draft.steps.map((step, index) => (
        <StepFields
          key={step.key}
          step={step}
          index={index}
          count={draft.steps.length}
          issues={issues}
          onChange={(patch) => changeStep(index, patch)}
          onMove={(by) => change({ steps: moved(draft.steps, index, by) })}
          onRemove={() => change({ steps: draft.steps.filter((_, i) => i !== index) })}
        />
      ))}
      <Button id='plan-add-step' className='line' disabled={draft.steps.length >= MAX_STEPS} onClick={() => change({ steps: [...draft.steps, emptyStep()] })}>
        添加步骤
      </Button>
      <View className='field check'>
        <Switch id='plan-enabled' checked={draft.enabled} onChange={(e) => change({ enabled: e.detail.value })} />
        <Text>{draft.enabled ? '已启用' : '已停用（不再安排新的跟进，已安排的到期时停止）'}</Text>
      </View>
      <Button id='plan-save' type='primary' disabled={saving} loading={saving} onClick={save}>
        {plan ? '保存为新版本' : '创建计划'}
      </Button>
      <SubmitFeedback id='plan-message' issues={issues} shownPaths={shownPaths(draft)} message={message} />
    </View>
  )
}

/** Finds the plan of `?id=` among the plans (the API lists them; there is no single-plan read). */
function EditPlan({ id }: { id: string }) {
  const plans = useApi('followupPlans')
  return (
    <Loaded state={plans}>
      {({ plans: all }) => {
        const plan = all.find((p) => p.id === id)
        return plan ? <PlanForm plan={plan} /> : <Text className='line error'>没有找到这个跟进计划</Text>
      }}
    </Loaded>
  )
}

/** Creates a follow-up plan, or (`?id=`) edits one: every save is a new version. */
export default function FollowupPlanPage() {
  const id = useRouter().params.id ?? ''
  return (
    <View className='page'>
      <Text className='page-title'>{id ? '编辑跟进计划' : '新建跟进计划'}</Text>
      {id ? <EditPlan id={id} /> : <PlanForm />}
    </View>
  )
}
