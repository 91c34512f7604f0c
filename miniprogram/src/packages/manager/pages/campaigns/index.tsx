import { Text, View } from '@tarojs/components'
import { Loaded } from '../../../../components/Loaded'
import { useReloadableApi } from '../../../../hooks/useApi'
import { useReloadOnReturn } from '../../../../hooks/useReloadOnReturn'
import { fenToYuan } from '../../../../lib/money'
import { openPage } from '../../../../lib/pages'
import { shanghaiDate } from '../../../../lib/shanghaiTime'
import { CampaignForm } from './CampaignForm'

/** The manager's campaigns, newest first as the server lists them, and a form to start one. */
export default function Campaigns() {
  const [campaigns, reload] = useReloadableApi('campaignList')
  useReloadOnReturn(reload)

  return (
    <View className='page'>
      <Text className='page-title'>活动</Text>
      <Loaded state={campaigns}>
        {({ campaigns: rows }) => (
          <View id='campaign-list' className='section'>
            {rows.length === 0 && <Text className='line muted'>还没有活动</Text>}
            {rows.map((campaign) => (
              <View
                key={campaign.id}
                id={`campaign-${campaign.id}`}
                className='card'
                data-testid='campaign-row'
                data-campaign-name={campaign.name}
                onClick={() => openPage('campaign', { id: campaign.id, name: campaign.name })}
              >
                <Text className='line'>
                  {campaign.name}
                  {campaign.archived && <Text className='badge'>已归档</Text>}
                </Text>
                <Text className='line muted'>
                  {shanghaiDate(campaign.startsAt)} 至 {shanghaiDate(campaign.endsAt)} · 预算 {fenToYuan(campaign.budgetFen)} 元 · {campaign.channelCount} 个渠道
                </Text>
              </View>
            ))}
          </View>
        )}
      </Loaded>
      <CampaignForm onCreated={reload} />
    </View>
  )
}
