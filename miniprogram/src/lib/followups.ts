import type { DeliveryChannel, FollowupTrigger, StepDelay, StopCondition, TaskState, TriggerKind } from '@scrm/shared'

export const TRIGGER_KIND_LABELS: Record<TriggerKind, string> = {
  customer_added: '客户通过渠道添加员工',
  coupon_claimed: '领取优惠券',
  coupon_redeemed: '核销优惠券（购买）',
  coupon_expiring: '优惠券即将到期',
  material_viewed: '素材被查看 N 次',
  score_hot: '线索评分转为热',
  inactive: 'N 天无互动',
}

export const CHANNEL_LABELS: Record<DeliveryChannel, string> = {
  staff_task: '员工任务（企业微信应用消息）',
  customer_message: '客户消息（员工在企业微信确认发送）',
  subscribe_message: '小程序订阅消息',
  manager_task: '经理任务',
}

export const STOP_CONDITION_LABELS: Record<StopCondition, string> = {
  redeemed: '客户已核销（购买）',
  deleted_staff: '客户删除了员工',
  opted_out: '客户不再接收跟进消息',
  plan_replaced: '计划已修改（新版本）',
  contacted: '员工已联系客户',
}

export const DELAY_UNIT_LABELS: Record<StepDelay['unit'], string> = {
  minutes: '分钟',
  hours: '小时',
  days: '天',
  working_hours: '个工作小时',
}

export const TASK_STATE_LABELS: Record<TaskState, string> = {
  pending: '待发送',
  sending: '发送中',
  sent: '已发送待确认',
  confirmed: '已确认发送',
  done: '已完成',
  stopped: '已停止',
  failed: '发送失败',
  unknown: '结果未知',
}

/** A task's state as its reader takes it: a staff or manager task that is `done` has reached them. */
export const taskStateText = ({ state, channel }: { state: TaskState; channel: DeliveryChannel }): string =>
  state === 'done' && (channel === 'staff_task' || channel === 'manager_task') ? '已提醒' : TASK_STATE_LABELS[state]

/** Why a task waits or stopped, as the queue records it; platform answers are shown as they are. */
const REASON_LABELS: Record<string, string> = {
  ...STOP_CONDITION_LABELS,
  plan_off: '计划已停用',
  quiet_hours: '免打扰时段，早上 9 点发送',
  daily_cap: '今日消息已达上限，顺延到明天',
}

export const reasonText = (reason: string): string => REASON_LABELS[reason] ?? reason

export const delayText = ({ amount, unit }: StepDelay): string => `${amount} ${DELAY_UNIT_LABELS[unit]}`

/** The trigger with its parameter: 优惠券即将到期（到期前 24 小时）. */
export function triggerText(trigger: FollowupTrigger): string {
  const label = TRIGGER_KIND_LABELS[trigger.kind]
  switch (trigger.kind) {
    case 'coupon_expiring':
      return `${label}（到期前 ${trigger.hoursBefore} 小时）`
    case 'material_viewed':
      return `${label}（${trigger.times} 次）`
    case 'inactive':
      return `${label}（${trigger.days} 天）`
    case 'customer_added':
      return trigger.channelId ? `${label}（渠道 ${trigger.channelId}）` : label
    case 'coupon_claimed':
    case 'coupon_redeemed':
      return trigger.stockId ? `${label}（批次 ${trigger.stockId}）` : label
    case 'score_hot':
      return label
  }
}
