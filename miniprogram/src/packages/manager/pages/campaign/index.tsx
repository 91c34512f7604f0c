import { Button, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Loaded } from '../../../../components/Loaded'
import { useReloadableApi } from '../../../../hooks/useApi'
import { useReloadOnReturn } from '../../../../hooks/useReloadOnReturn'
import { CHANNEL_KIND_LABELS } from '../../../../lib/labels'
import { fenToYuan } from '../../../../lib/money'
import { openPage, routeParam } from '../../../../lib/pages'
import { shanghaiDate } from '../../../../lib/shanghaiTime'
import { ReferralPolicyForm } from './ReferralPolicyForm'
import { StockList } from './StockList'

/** One campaign's channels, each opening its QR code and statistics, and its coupon stocks. */
export default function CampaignChannels() {
  const { id = '', name } = useRouter().params
  const [channels, reloadChannels] = useReloadableApi('campaignChannels', { params: { id } }, id !== '')
  const [stocks, reloadStocks] = useReloadableApi('stockList', { params: { id } }, id !== '')
  useReloadOnReturn(() => {
    reloadChannels()
    reloadStocks()
  })

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

      <Text className='section-title'>优惠券</Text>
      <Button id='stock-new' className='line' onClick={() => openPage('stockForm', { campaignId: id })}>
        新建优惠券
      </Button>
      <Loaded state={stocks}>{({ stocks: rows }) => <StockList stocks={rows} />}</Loaded>

      <Text className='section-title'>好友邀请</Text>
      <View className='actions'>
        <Button id='go-leaderboard' onClick={() => openPage('leaderboard', { campaignId: id })}>邀请排行榜</Button>
        <Button id='go-suspicious' onClick={() => openPage('suspicious', { campaignId: id })}>可疑邀请</Button>
        <Button id='go-staff-referral' onClick={() => openPage('staffReferral', { campaignId: id })}>员工推广码</Button>
      </View>
      <Text className='line muted'>活动编号：{id}（员工在工作台填写它即可获取推广码）</Text>

      <Text className='section-title'>邀请规则</Text>
      <ReferralPolicyForm campaignId={id} />
    </View>
  )
}
