import { useEffect, useState } from 'react'
import { Button, Input, Picker, Switch, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { ChannelKind, RoutingRule } from '@scrm/shared'
import { call } from '../../../../api/client'
import { Loaded } from '../../../../components/Loaded'
import { useReloadableApi } from '../../../../hooks/useApi'
import { CHANNEL_KIND_LABELS, ROUTING_KIND_LABELS } from '../../../../lib/labels'
import { PAGES } from '../../../../lib/pages'
import { DateRange } from '../../components/DateRange'
import { errorText } from '../../components/errorText'
import { channelInput, draftFromChannel, emptyDraft, type ChannelDraft } from './draft'
import { StaffPoolPicker } from './StaffPoolPicker'
import { WelcomeEditor } from './WelcomeEditor'

const KINDS = Object.keys(CHANNEL_KIND_LABELS) as ChannelKind[]
const ROUTING_KINDS = Object.keys(ROUTING_KIND_LABELS) as Array<RoutingRule['kind']>

/** Creates a channel (`?campaignId=`) or edits one (`?id=`). */
export default function ChannelForm() {
  const params = useRouter().params
  const channelId = params.id
  const [existing] = useReloadableApi('channelGet', { params: { id: channelId ?? '' } }, Boolean(channelId))
  const [staff] = useReloadableApi('staffList')
  const [draft, setDraft] = useState<ChannelDraft>(emptyDraft)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string>()
  const campaignId = existing.status === 'ok' ? existing.data.channel.campaignId : (params.campaignId ?? '')

  useEffect(() => {
    if (existing.status === 'ok') setDraft(draftFromChannel(existing.data.channel))
  }, [existing])

  const change = (patch: Partial<ChannelDraft>) => setDraft((d) => ({ ...d, ...patch }))

  const save = async () => {
    const result = channelInput(draft, campaignId)
    if ('error' in result) return setError(result.error)
    setSaving(true)
    setError(undefined)
    try {
      const { channel } = channelId
        ? await call('channelUpdate', result.input, { params: { id: channelId } })
        : await call('channelCreate', result.input)
      // Editing usually comes from the channel's page; opened directly, there is nothing to go back to.
      if (channelId && Taro.getCurrentPages().length > 1) void Taro.navigateBack()
      else void Taro.redirectTo({ url: `${PAGES.channel}?id=${channel.id}` })
    } catch (err) {
      setError(errorText(err))
    } finally {
      setSaving(false)
    }
  }

  if (!channelId && !campaignId) return <Text className='page line error'>缺少活动参数</Text>

  const kindIndex = Math.max(0, KINDS.indexOf(draft.kind))
  const routingIndex = Math.max(0, ROUTING_KINDS.indexOf(draft.routingKind))
  const form = (
    <View id='channel-form'>
      <View className='field'>
        <Text className='field-label'>渠道名称</Text>
        <Input id='channel-name' className='input' maxlength={64} value={draft.name} onInput={(e) => change({ name: e.detail.value })} />
      </View>
      <View className='field'>
        <Text className='field-label'>渠道类型</Text>
        <Picker mode='selector' range={KINDS.map((k) => CHANNEL_KIND_LABELS[k])} value={kindIndex} onChange={(e) => change({ kind: KINDS[Number(e.detail.value)] })}>
          <View id='channel-kind' className='input'>{CHANNEL_KIND_LABELS[draft.kind]}</View>
        </Picker>
      </View>
      <DateRange from={draft.from} to={draft.to} onChange={(range) => change(range)} />
      <View className='field'>
        <Text className='field-label'>成本（元）</Text>
        <Input id='channel-cost' className='input' type='digit' value={draft.costYuan} onInput={(e) => change({ costYuan: e.detail.value })} />
      </View>

      <Text className='section-title'>分配规则</Text>
      <Loaded state={staff}>
        {({ staff: members }) => (
          <StaffPoolPicker
            staff={members}
            pool={draft.staffPool}
            fallback={draft.fallbackStaff}
            onPoolChange={(staffPool) => change({ staffPool })}
            onFallbackChange={(fallbackStaff) => change({ fallbackStaff })}
          />
        )}
      </Loaded>
      <View className='field'>
        <Text className='field-label'>分配方式</Text>
        <Picker mode='selector' range={ROUTING_KINDS.map((k) => ROUTING_KIND_LABELS[k])} value={routingIndex} onChange={(e) => change({ routingKind: ROUTING_KINDS[Number(e.detail.value)] })}>
          <View id='channel-routing' className='input'>{ROUTING_KIND_LABELS[draft.routingKind]}</View>
        </Picker>
      </View>
      <View className='field'>
        <Text className='field-label'>每人每日上限（留空不限）</Text>
        <Input id='channel-daily-cap' className='input' type='number' value={draft.dailyCap} onInput={(e) => change({ dailyCap: e.detail.value })} />
      </View>
      <Text className='note'>企业微信在列出的员工之间分配客户，渠道分配为近似均衡。</Text>

      <Text className='section-title'>标签与欢迎语</Text>
      <View className='field'>
        <Text className='field-label'>客户标签（标签 ID，逗号分隔）</Text>
        <Input id='channel-tags' className='input' value={draft.tags} onInput={(e) => change({ tags: e.detail.value })} />
      </View>
      <WelcomeEditor draft={draft} onChange={change} />
      <View className='field check'>
        <Switch id='channel-temporary' checked={draft.temporary} onChange={(e) => change({ temporary: e.detail.value })} />
        <Text>临时二维码（有有效期，被添加一次后失效）</Text>
      </View>

      <Button id='channel-save' type='primary' disabled={saving} loading={saving} onClick={save}>
        {channelId ? '保存渠道' : '创建渠道'}
      </Button>
      {error && <Text id='channel-error' className='line error'>{error}</Text>}
    </View>
  )

  return (
    <View className='page'>
      <Text className='page-title'>{channelId ? '编辑渠道' : '新建渠道'}</Text>
      {channelId ? <Loaded state={existing}>{() => form}</Loaded> : form}
    </View>
  )
}
