import { Checkbox, CheckboxGroup, Label, Picker, Text, View } from '@tarojs/components'
import type { StaffMember } from '@scrm/shared'

interface StaffPoolPickerProps {
  staff: StaffMember[]
  pool: string[]
  fallback: string
  onPoolChange: (pool: string[]) => void
  onFallbackChange: (userid: string) => void
}

/** Which staff the channel may route to (active staff only), and who takes customers when none is eligible. */
export function StaffPoolPicker({ staff, pool, fallback, onPoolChange, onFallbackChange }: StaffPoolPickerProps) {
  const active = staff.filter((member) => member.status === 'active' || pool.includes(member.userid))
  const inPool = active.filter((member) => pool.includes(member.userid))
  const fallbackChoices = [{ userid: '', name: '不设兜底员工' }, ...inPool]
  const fallbackIndex = Math.max(0, fallbackChoices.findIndex((m) => m.userid === fallback))

  return (
    <View>
      <View className='field'>
        <Text className='field-label'>员工池</Text>
        <CheckboxGroup id='channel-staff' onChange={(e) => onPoolChange(e.detail.value)}>
          {active.map((member) => (
            <Label key={member.userid} className='check'>
              <Checkbox value={member.userid} checked={pool.includes(member.userid)} />
              <Text>
                {member.name}
                <Text className='muted'>（{member.userid}{member.status === 'inactive' ? '，已停用' : ''}）</Text>
              </Text>
            </Label>
          ))}
        </CheckboxGroup>
      </View>
      <View className='field'>
        <Text className='field-label'>兜底员工</Text>
        <Picker mode='selector' range={fallbackChoices.map((m) => m.name)} value={fallbackIndex} onChange={(e) => onFallbackChange(fallbackChoices[Number(e.detail.value)].userid)}>
          <View id='channel-fallback' className='input'>{fallbackChoices[fallbackIndex].name}</View>
        </Picker>
      </View>
    </View>
  )
}
