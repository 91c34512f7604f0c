import { Button, Checkbox, CheckboxGroup, Input, Label, Picker, Text, Textarea, View } from '@tarojs/components'
import { TEMPLATE_VARIABLES, type DeliveryChannel, type StepDelay, type StopCondition } from '@scrm/shared'
import { CHANNEL_LABELS, DELAY_UNIT_LABELS, STOP_CONDITION_LABELS } from '../../../../lib/followups'
import type { FieldIssue } from '../../components/errorText'
import { FieldError } from '../../components/FieldError'
import { VARIABLE_LABELS, type StepDraft } from './draft'

const UNITS = Object.keys(DELAY_UNIT_LABELS) as Array<StepDelay['unit']>
const CHANNELS = Object.keys(CHANNEL_LABELS) as DeliveryChannel[]
const STOP_CONDITIONS = Object.keys(STOP_CONDITION_LABELS) as StopCondition[]

interface StepFieldsProps {
  step: StepDraft
  index: number
  count: number
  issues: FieldIssue[]
  onChange: (change: Partial<StepDraft>) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
}

/** One step of a plan: when, through which channel, what it says, and what stops it. */
export function StepFields({ step, index, count, issues, onChange, onMove, onRemove }: StepFieldsProps) {
  const id = (field: string) => `step-${index}-${field}`
  const path = (field: string) => `steps.${index}.${field}`
  return (
    <View className='card' data-testid='plan-step' data-step={index}>
      <View className='actions'>
        <Text className='section-title'>第 {index + 1} 步</Text>
        <Button size='mini' id={id('up')} disabled={index === 0} onClick={() => onMove(-1)}>上移</Button>
        <Button size='mini' id={id('down')} disabled={index === count - 1} onClick={() => onMove(1)}>下移</Button>
        <Button size='mini' id={id('remove')} disabled={count === 1} onClick={onRemove}>删除</Button>
      </View>
      <View className='field'>
        <Text className='field-label'>触发后多久</Text>
        <View className='actions'>
          <Input id={id('amount')} className='input' type='number' value={step.amount} onInput={(e) => onChange({ amount: e.detail.value })} />
          <Picker mode='selector' range={UNITS.map((u) => DELAY_UNIT_LABELS[u])} value={UNITS.indexOf(step.unit)} onChange={(e) => onChange({ unit: UNITS[Number(e.detail.value)] })}>
            <View id={id('unit')} className='input'>{DELAY_UNIT_LABELS[step.unit]}</View>
          </Picker>
        </View>
        <FieldError issues={issues} path={path('delay')} />
      </View>
      <View className='field'>
        <Text className='field-label'>发送方式</Text>
        <Picker mode='selector' range={CHANNELS.map((c) => CHANNEL_LABELS[c])} value={CHANNELS.indexOf(step.channel)} onChange={(e) => onChange({ channel: CHANNELS[Number(e.detail.value)] })}>
          <View id={id('channel')} className='input'>{CHANNEL_LABELS[step.channel]}</View>
        </Picker>
        <FieldError issues={issues} path={path('channel')} />
      </View>
      {step.channel === 'subscribe_message' && (
        <View className='field'>
          <Text className='field-label'>订阅消息模板（如 coupon_expiring）</Text>
          <Input id={id('subscribe-template')} className='input' maxlength={64} value={step.subscribeTemplate} onInput={(e) => onChange({ subscribeTemplate: e.detail.value })} />
          <FieldError issues={issues} path={path('subscribeTemplate')} />
        </View>
      )}
      <View className='field'>
        <Text className='field-label'>{step.channel === 'customer_message' || step.channel === 'subscribe_message' ? '消息内容' : '话术'}</Text>
        <Textarea id={id('template')} className='textarea' maxlength={1000} value={step.template} onInput={(e) => onChange({ template: e.detail.value })} />
        <View className='chips'>
          <Text className='muted'>可用变量（点击插入）：</Text>
          {TEMPLATE_VARIABLES.map((name) => (
            <Text key={name} className='chip' data-variable={name} onClick={() => onChange({ template: `${step.template}{${name}}` })}>
              {`{${name}}`} {VARIABLE_LABELS[name]}
            </Text>
          ))}
        </View>
        <FieldError issues={issues} path={path('template')} />
      </View>
      <View className='field'>
        <Text className='field-label'>发送时赠送优惠券（批次 ID，可选）</Text>
        <Input id={id('grant-stock')} className='input' maxlength={36} value={step.grantStockId} onInput={(e) => onChange({ grantStockId: e.detail.value })} />
        <FieldError issues={issues} path={path('grantStockId')} />
      </View>
      <View className='field'>
        <Text className='field-label'>停止条件（到期时满足任一项则不再发送）</Text>
        <CheckboxGroup id={id('stop')} onChange={(e) => onChange({ stopWhen: e.detail.value as StopCondition[] })}>
          {STOP_CONDITIONS.map((condition) => (
            <Label key={condition} className='check'>
              <Checkbox value={condition} checked={step.stopWhen.includes(condition)} />
              <Text>{STOP_CONDITION_LABELS[condition]}</Text>
            </Label>
          ))}
        </CheckboxGroup>
        <FieldError issues={issues} path={path('stopWhen')} />
      </View>
    </View>
  )
}
