import { Button, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Loaded } from '../../../../components/Loaded'
import { useReloadableApi } from '../../../../hooks/useApi'
import { useReloadOnReturn } from '../../../../hooks/useReloadOnReturn'
import { CHANNEL_KIND_LABELS } from '../../../../lib/labels'
import { fenToYuan } from '../../../../lib/money'
import { openPage, routeParam } from '../../../../lib/pages'
import { shanghaiDate } from '../../../../lib/shanghaiTime'

/** One campaign's channels; each opens its QR code and statistics. */
export default function CampaignChannels() {
  const { id = '', name } = useRouter().params
  const [channels, reload] = useReloadableApi('campaignChannels', { params: { id } }, id !== '')
  useReloadOnReturn(reload)

  if (!id) return <Text className='page line error'>缺少活动参数</Text>

  return (
    <View className='page'>
      <Text className='page-title'>{routeParam(name) || '活动渠道'}</Text>
      <Button id='channel-new' type='primary' className='line' onClick={() => openPage('channelForm', { campaignId: id })}>
        新建渠道
      </Button>
      <Loaded state={channels}>
        {({ channels: rows }) => (
          <View id='channel-list'>
            {rows.length === 0 && <Text className='line muted'>还没有渠道</Text>}
            {rows.map((channel) => (
              <View
                key={channel.id}
                id={`channel-${channel.id}`}
                className='card'
                data-testid='channel-row'
                data-channel-name={channel.name}
                onClick={() => openPage('channel', { id: channel.id })}
              >
                <Text className='line'>
                  {channel.name}
                  <Text className='badge'>{CHANNEL_KIND_LABELS[channel.kind]}</Text>
                  {channel.archived && <Text className='badge'>已归档</Text>}
                  {channel.temporary && <Text className='badge'>临时</Text>}
                </Text>
                <Text className='line muted'>
                  {shanghaiDate(channel.startsAt)} 至 {shanghaiDate(channel.endsAt)} · 成本 {fenToYuan(channel.costFen)} 元 · 员工 {channel.staffPool.length} 人
                </Text>
              </View>
            ))}
          </View>
        )}
      </Loaded>
    </View>
  )
}
