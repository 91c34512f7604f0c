import { Input, Picker, Text, View } from '@tarojs/components'
import { DateRange } from '../../components/DateRange'
import type { FieldIssue } from '../../components/errorText'
import { FieldError } from '../../components/FieldError'
import { VALIDITY_KIND_LABELS, type StockDraft, type ValidityKind } from './draft'

const KINDS = Object.keys(VALIDITY_KIND_LABELS) as ValidityKind[]

interface ValidityFieldsProps {
  draft: StockDraft
  issues: FieldIssue[]
  onChange: (change: Partial<StockDraft>) => void
}

/** When a claimed coupon can be used: fixed Shanghai days, or a number of days from the claim. */
export function ValidityFields({ draft, issues, onChange }: ValidityFieldsProps) {
  const index = Math.max(0, KINDS.indexOf(draft.validityKind))
  return (
    <View>
      <View className='field'>
        <Text className='field-label'>有效期</Text>
        <Picker mode='selector' range={KINDS.map((k) => VALIDITY_KIND_LABELS[k])} value={index} onChange={(e) => onChange({ validityKind: KINDS[Number(e.detail.value)] })}>
          <View id='stock-validity-kind' className='input'>{VALIDITY_KIND_LABELS[draft.validityKind]}</View>
        </Picker>
      </View>
      {draft.validityKind === 'fixed' ? (
        <DateRange label='可用日期' from={draft.from} to={draft.to} onChange={(range) => onChange(range)} />
      ) : (
        <View className='field'>
          <Text className='field-label'>领取后有效天数</Text>
          <Input id='stock-days' className='input' type='number' value={draft.days} onInput={(e) => onChange({ days: e.detail.value })} />
        </View>
      )}
      <FieldError issues={issues} path='validity' />
    </View>
  )
}
