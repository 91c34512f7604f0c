import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { ChannelView } from '@scrm/shared'
import { call } from '../../../../api/client'
import { Loaded } from '../../../../components/Loaded'
import { useReloadableApi } from '../../../../hooks/useApi'
import { useReloadOnReturn } from '../../../../hooks/useReloadOnReturn'
import { CHANNEL_KIND_LABELS, ROUTING_KIND_LABELS } from '../../../../lib/labels'
import { fenToYuan } from '../../../../lib/money'
import { openPage } from '../../../../lib/pages'
import { shanghaiDate } from '../../../../lib/shanghaiTime'
import { errorText } from '../../components/errorText'
import { ChannelCard } from './ChannelCard'
import { StatsTable } from '../../components/StatsTable'
import { CHANNEL_STATS_COLUMNS } from './statsColumns'

type NameOf = (userid: string) => string

function ChannelSummary({ channel, nameOf }: { channel: ChannelView; nameOf: NameOf }) {
  return (
    <View className='section'>
      <Text id='channel-name' className='page-title'>{channel.name}</Text>
      <Text className='line'>
        {CHANNEL_KIND_LABELS[channel.kind]} · {shanghaiDate(channel.startsAt)} 至 {shanghaiDate(channel.endsAt)} · 成本 {fenToYuan(channel.costFen)} 元
        {channel.archived && <Text className='badge'>已归档</Text>}
        {channel.temporary && <Text className='badge'>临时</Text>}
      </Text>
      <Text className='line muted'>渠道参数 state：{channel.state}</Text>
      <Text className='line'>
        {ROUTING_KIND_LABELS[channel.routing.kind]}
        {channel.routing.dailyCap ? ` · 每人每日上限 ${channel.routing.dailyCap}` : ''}
        {channel.routing.fallbackStaff ? ` · 兜底 ${nameOf(channel.routing.fallbackStaff)}` : ''}
      </Text>
      <Text className='line'>员工池：{channel.staffPool.map(nameOf).join('、')}</Text>
      <Text id='channel-contact-way-users' className='line'>当前可分配：{channel.contactWayUsers.map(nameOf).join('、') || '无'}</Text>
      <Text className='note'>企业微信在列出的员工之间分配客户，渠道分配为近似均衡。</Text>
    </View>
  )
}

/** One channel: its QR code and printable card, routing, and statistics. */
export default function ChannelDetail() {
  const id = useRouter().params.id ?? ''
  const [channel, reloadChannel] = useReloadableApi('channelGet', { params: { id } }, id !== '')
  const [stats, reloadStats] = useReloadableApi('channelStats', { params: { id } }, id !== '')
  const [staff] = useReloadableApi('staffList')
  const [actionError, setActionError] = useState<string>()
  const names = new Map(staff.status === 'ok' ? staff.data.staff.map((m) => [m.userid, m.name]) : [])
  const nameOf: NameOf = (userid) => names.get(userid) ?? userid
  const reload = () => {
    reloadChannel()
    reloadStats()
  }
  useReloadOnReturn(reload)

  const run = async (action: () => Promise<unknown>) => {
    setActionError(undefined)
    try {
      await action()
      reload()
    } catch (err) {
      setActionError(errorText(err))
    }
  }

  if (!id) return <Text className='page line error'>缺少渠道参数</Text>

  return (
    <View className='page'>
      <Loaded state={channel}>
        {({ channel: view }) => (
          <View>
            <ChannelSummary channel={view} nameOf={nameOf} />
            <ChannelCard channel={view} />
            <View className='actions'>
              <Button id='channel-edit' size='mini' onClick={() => openPage('channelForm', { id: view.id })}>编辑</Button>
              <Button id='channel-refresh' size='mini' onClick={() => run(() => call('channelRefresh', undefined, { params: { id: view.id } }))}>
                刷新分配名单
              </Button>
              <Button id='channel-customers' size='mini' onClick={() => openPage('staffCustomers', { channelId: view.id })}>查看客户</Button>
              {!view.archived && (
                <Button id='channel-archive' size='mini' type='warn' onClick={() => run(() => call('channelArchive', undefined, { params: { id: view.id } }))}>
                  归档
                </Button>
              )}
            </View>
            {actionError && <Text className='line error'>{actionError}</Text>}
          </View>
        )}
      </Loaded>

      <Text className='section-title'>渠道数据（近 30 天）</Text>
      <Loaded state={stats}>
        {(data) => (
          <View id='channel-stats'>
            <StatsTable id='channel-stats-totals' heading='合计' columns={CHANNEL_STATS_COLUMNS} rows={[{ label: '合计', counts: data.totals }]} />
            <Text className='section-title'>按天</Text>
            <StatsTable id='channel-stats-by-day' heading='日期' columns={CHANNEL_STATS_COLUMNS} rows={data.byDay.map(({ date, ...counts }) => ({ label: date, counts }))} />
            <Text className='section-title'>按员工</Text>
            <StatsTable
              id='channel-stats-by-staff'
              heading='员工'
              columns={CHANNEL_STATS_COLUMNS}
              rows={data.byStaff.map(({ staffUserId, ...counts }) => ({ label: nameOf(staffUserId), counts }))}
            />
          </View>
        )}
      </Loaded>
    </View>
  )
}
