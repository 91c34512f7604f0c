import { Picker, Text, View } from '@tarojs/components'

interface DateRangeProps {
  label?: string
  from: string
  to: string
  onChange: (range: { from: string; to: string }) => void
}

/** A period of whole Shanghai days, `YYYY-MM-DD` to `YYYY-MM-DD`. */
export function DateRange({ label = '时间段', from, to, onChange }: DateRangeProps) {
  return (
    <View className='field'>
      <Text className='field-label'>{label}</Text>
      <View className='actions'>
        <Picker mode='date' value={from} onChange={(e) => onChange({ from: e.detail.value, to })}>
          <View className='input'>开始 {from}</View>
        </Picker>
        <Picker mode='date' value={to} onChange={(e) => onChange({ from, to: e.detail.value })}>
          <View className='input'>结束 {to}</View>
        </Picker>
      </View>
    </View>
  )
}
