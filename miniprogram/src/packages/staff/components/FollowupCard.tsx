import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { FollowupTaskView } from '@scrm/shared'
import { CHANNEL_LABELS, reasonText, taskStateText } from '../../../lib/followups'
import { formatShanghaiTime } from '../../../lib/shanghaiTime'

/** When it went, when it is due, or why it stopped. */
function whenText(task: FollowupTaskView): string {
  if (task.sentAt) return `发送于 ${formatShanghaiTime(task.sentAt)}`
  if (task.state === 'pending' || task.state === 'sending') return `预计 ${formatShanghaiTime(task.dueAt)}${task.reason ? `（${reasonText(task.reason)}）` : ''}`
  return task.reason ? reasonText(task.reason) : formatShanghaiTime(task.dueAt)
}

interface FollowupCardProps {
  task: FollowupTaskView
  /** The heading: the customer (today's tasks) or the plan's step (a customer's follow-ups). */
  title: string
  onOpen?: () => void
  children?: ReactNode
}

/** One follow-up: its state, when, and the script or message it carries. */
export function FollowupCard({ task, title, onOpen, children }: FollowupCardProps) {
  return (
    <View className='card' data-testid='followup-task' data-task-id={task.id} data-state={task.state} data-channel={task.channel} data-plan={task.planName}>
      <View className='line' onClick={onOpen}>
        <Text data-testid='followup-title'>{title}</Text>
        <Text className='badge' data-testid='followup-state'>{taskStateText(task)}</Text>
      </View>
      <Text className='line muted'>
        {task.planName} · {CHANNEL_LABELS[task.channel]}
      </Text>
      <Text className='line muted' data-testid='followup-when'>{whenText(task)}</Text>
      <Text className='line' data-testid='followup-text'>{task.text}</Text>
      {children}
    </View>
  )
}
