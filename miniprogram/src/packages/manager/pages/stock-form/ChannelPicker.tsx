import { Checkbox, CheckboxGroup, Label, Text, View } from '@tarojs/components'
import type { ChannelView } from '@scrm/shared'

interface ChannelPickerProps {
  channels: ChannelView[]
  selected: string[]
  onChange: (channelIds: string[]) => void
}

/** The campaign's channels whose customers may claim; none ticked means every channel. */
export function ChannelPicker({ channels, selected, onChange }: ChannelPickerProps) {
  return (
    <View>
      <CheckboxGroup id='stock-channels' onChange={(e) => onChange(e.detail.value)}>
        {channels
          .filter((channel) => !channel.archived || selected.includes(channel.id))
          .map((channel) => (
            <Label key={channel.id} className='check'>
              <Checkbox value={channel.id} checked={selected.includes(channel.id)} />
              <Text>{channel.name}</Text>
            </Label>
          ))}
      </CheckboxGroup>
      <Text className='muted'>{selected.length === 0 ? '未勾选：所有渠道均可领取' : `仅勾选的 ${selected.length} 个渠道可领取`}</Text>
    </View>
  )
}
