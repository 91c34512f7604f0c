import { Input, Picker, Text, View } from '@tarojs/components'
import type { TriggerKind } from '@scrm/shared'
import { TRIGGER_KIND_LABELS } from '../../../../lib/followups'
import type { FieldIssue } from '../../components/errorText'
import { FieldError } from '../../components/FieldError'
import { TRIGGER_PARAMS, type PlanDraft } from './draft'

const KINDS = Object.keys(TRIGGER_KIND_LABELS) as TriggerKind[]

interface TriggerFieldsProps {
  draft: PlanDraft
  issues: FieldIssue[]
  onChange: (change: Partial<PlanDraft>) => void
}

/** What starts the plan for a customer, and that trigger's parameter. */
export function TriggerFields({ draft, issues, onChange }: TriggerFieldsProps) {
  const param = TRIGGER_PARAMS[draft.triggerKind]
  return (
    <View>
      <View className='field'>
        <Text className='field-label'>触发条件</Text>
        <Picker
          mode='selector'
          range={KINDS.map((k) => TRIGGER_KIND_LABELS[k])}
          value={Math.max(0, KINDS.indexOf(draft.triggerKind))}
          onChange={(e) => onChange({ triggerKind: KINDS[Number(e.detail.value)], triggerParam: '' })}
        >
          <View id='plan-trigger-kind' className='input'>{TRIGGER_KIND_LABELS[draft.triggerKind]}</View>
        </Picker>
      </View>
      {param && (
        <View className='field'>
          <Text className='field-label'>{param.label}</Text>
          <Input
            id='plan-trigger-param'
            className='input'
            type={param.numeric ? 'number' : 'text'}
            value={draft.triggerParam}
            onInput={(e) => onChange({ triggerParam: e.detail.value })}
          />
        </View>
      )}
      <FieldError issues={issues} path='trigger' />
    </View>
  )
}
