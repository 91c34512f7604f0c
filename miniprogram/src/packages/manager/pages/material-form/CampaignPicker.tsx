import { Picker, View } from '@tarojs/components'
import { useApi } from '../../../../hooks/useApi'

/** The campaign a material belongs to, if any; picked from the manager's campaigns. */
export function CampaignPicker({ campaignId, onChange }: { campaignId: string; onChange: (campaignId: string) => void }) {
  const campaigns = useApi('campaignList')
  const choices = [{ id: '', name: '不关联活动' }, ...(campaigns.status === 'ok' ? campaigns.data.campaigns : [])]
  const index = Math.max(0, choices.findIndex((c) => c.id === campaignId))
  return (
    <Picker mode='selector' range={choices.map((c) => c.name)} value={index} onChange={(e) => onChange(choices[Number(e.detail.value)].id)}>
      <View id='material-campaign' className='input'>{choices[index].name}</View>
    </Picker>
  )
}
