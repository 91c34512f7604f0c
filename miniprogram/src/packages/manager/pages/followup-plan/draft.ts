import {
  TEMPLATE_VARIABLES,
  type DeliveryChannel,
  type FollowupPlanInput,
  type FollowupPlanView,
  type FollowupStepInput,
  type FollowupTrigger,
  type StepDelay,
  type StopCondition,
  type TriggerKind,
} from '@scrm/shared'
import type { FieldIssue } from '../../components/errorText'
import type { Checked } from '../../components/useSubmit'

/** One step as the manager types it; `key` keeps its fields with it when steps move. */
export interface StepDraft {
  key: number
  amount: string
  unit: StepDelay['unit']
  channel: DeliveryChannel
  template: string
  subscribeTemplate: string
  grantStockId: string
  stopWhen: StopCondition[]
}

export interface PlanDraft {
  name: string
  triggerKind: TriggerKind
  /** The trigger's parameter as typed (see TRIGGER_PARAMS); unused by triggers without one. */
  triggerParam: string
  steps: StepDraft[]
  enabled: boolean
}

type TriggerParamField = 'channelId' | 'stockId' | 'hoursBefore' | 'times' | 'days'

/** The one parameter each trigger takes: ids are optional ("any"), numbers are required. */
export const TRIGGER_PARAMS: Partial<Record<TriggerKind, { field: TriggerParamField; label: string; numeric: boolean }>> = {
  customer_added: { field: 'channelId', label: '渠道 ID（留空为全部渠道）', numeric: false },
  coupon_claimed: { field: 'stockId', label: '优惠券批次 ID（留空为全部批次）', numeric: false },
  coupon_redeemed: { field: 'stockId', label: '优惠券批次 ID（留空为全部批次）', numeric: false },
  coupon_expiring: { field: 'hoursBefore', label: '到期前多少小时开始', numeric: true },
  material_viewed: { field: 'times', label: '查看次数', numeric: true },
  inactive: { field: 'days', label: '无互动天数', numeric: true },
}

/** Variables a template may use, with what each stands for. */
export const VARIABLE_LABELS: Record<(typeof TEMPLATE_VARIABLES)[number], string> = {
  customerName: '客户称呼',
  staffName: '员工姓名',
  coupon: '优惠券名称',
}

export const MAX_STEPS = 10
const STEP_FIELDS = ['delay', 'channel', 'template', 'subscribeTemplate', 'grantStockId', 'stopWhen'] as const

/** The paths the form shows problems under; the server's others show under the save button. */
export const shownPaths = (draft: PlanDraft): string[] => ['name', 'trigger', ...draft.steps.flatMap((_, i) => STEP_FIELDS.map((f) => `steps.${i}.${f}`))]

let nextKey = 0

export const emptyStep = (): StepDraft => ({
  key: nextKey++,
  amount: '24',
  unit: 'hours',
  channel: 'customer_message',
  template: '',
  subscribeTemplate: '',
  grantStockId: '',
  stopWhen: ['redeemed', 'deleted_staff', 'opted_out', 'plan_replaced'],
})

export const emptyPlanDraft = (): PlanDraft => ({ name: '', triggerKind: 'coupon_claimed', triggerParam: '', steps: [emptyStep()], enabled: true })

function triggerParamOf(trigger: FollowupTrigger): string {
  const param = TRIGGER_PARAMS[trigger.kind]
  const value = param ? (trigger as Partial<Record<TriggerParamField, string | number>>)[param.field] : undefined
  return value === undefined ? '' : String(value)
}

export const draftOf = (plan: FollowupPlanView): PlanDraft => ({
  name: plan.name,
  triggerKind: plan.trigger.kind,
  triggerParam: triggerParamOf(plan.trigger),
  enabled: plan.enabled,
  steps: plan.steps.map((step) => ({
    key: nextKey++,
    amount: String(step.delay.amount),
    unit: step.delay.unit,
    channel: step.channel,
    template: step.template,
    subscribeTemplate: step.subscribeTemplate ?? '',
    grantStockId: step.grantStockId ?? '',
    stopWhen: step.stopWhen,
  })),
})

/** The plan as the API takes it (a plan's view minus what the server keeps). */
export const inputOf = (plan: FollowupPlanView): FollowupPlanInput => ({ name: plan.name, trigger: plan.trigger, steps: plan.steps, enabled: plan.enabled })

const wholeNumber = (text: string): number | undefined => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined)

function trigger(draft: PlanDraft, issues: FieldIssue[]): FollowupTrigger {
  const param = TRIGGER_PARAMS[draft.triggerKind]
  if (!param) return { kind: draft.triggerKind } as FollowupTrigger
  const text = draft.triggerParam.trim()
  if (!param.numeric) return { kind: draft.triggerKind, ...(text ? { [param.field]: text } : {}) } as FollowupTrigger
  const value = wholeNumber(text)
  if (value === undefined) issues.push({ path: `trigger.${param.field}`, message: '请填写整数' })
  return { kind: draft.triggerKind, [param.field]: value } as FollowupTrigger
}

function step(draft: StepDraft, index: number, issues: FieldIssue[]): FollowupStepInput {
  const amount = wholeNumber(draft.amount)
  if (amount === undefined) issues.push({ path: `steps.${index}.delay.amount`, message: '请填写整数' })
  const optional = (text: string) => text.trim() || undefined
  return {
    delay: { amount: amount ?? 0, unit: draft.unit },
    channel: draft.channel,
    template: draft.template,
    subscribeTemplate: draft.channel === 'subscribe_message' ? optional(draft.subscribeTemplate) : undefined,
    grantStockId: optional(draft.grantStockId),
    stopWhen: draft.stopWhen,
  }
}

/** Numbers checked on the device; templates, templates' variables and ids are the server's to judge. */
export function planInput(draft: PlanDraft): Checked<FollowupPlanInput> {
  const issues: FieldIssue[] = []
  const input: FollowupPlanInput = {
    name: draft.name,
    trigger: trigger(draft, issues),
    steps: draft.steps.map((s, i) => step(s, i, issues)),
    enabled: draft.enabled,
  }
  return issues.length > 0 ? { issues } : { input }
}
