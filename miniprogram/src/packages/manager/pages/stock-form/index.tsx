import { useState } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { StockKind } from '@scrm/shared'
import { call } from '../../../../api/client'
import { Loaded } from '../../../../components/Loaded'
import { useReloadableApi } from '../../../../hooks/useApi'
import { STOCK_KIND_LABELS } from '../../../../lib/coupons'
import { PAGES } from '../../../../lib/pages'
import { errorText, fieldIssues, issueIsAt, type FieldIssue } from '../../components/errorText'
import { FieldError } from '../../components/FieldError'
import { TextField } from '../../components/TextField'
import { BenefitFields } from './BenefitFields'
import { ChannelPicker } from './ChannelPicker'
import { emptyStockDraft, FIELD_PATHS, stockInput, type StockDraft } from './draft'
import { ValidityFields } from './ValidityFields'

const KINDS = Object.keys(STOCK_KIND_LABELS) as StockKind[]

/** Creates a coupon stock for a campaign (`?campaignId=`). */
export default function StockForm() {
  const campaignId = useRouter().params.campaignId ?? ''
  const [channels] = useReloadableApi('campaignChannels', { params: { id: campaignId } }, campaignId !== '')
  const [draft, setDraft] = useState<StockDraft>(emptyStockDraft)
  const [saving, setSaving] = useState(false)
  const [issues, setIssues] = useState<FieldIssue[]>([])
  const [error, setError] = useState<string>()

  const change = (patch: Partial<StockDraft>) => setDraft((d) => ({ ...d, ...patch }))
  // WeChat Pay stocks are amount-off coupons: switching to one leaves no other choice.
  const changeKind = (kind: StockKind) => change(kind === 'wechatpay' ? { kind, benefitKind: 'amount_off' } : { kind })

  const save = async () => {
    const result = stockInput(draft, campaignId)
    if ('issues' in result) {
      setIssues(result.issues)
      return setError('请按提示修改后再提交')
    }
    setIssues([])
    setError(undefined)
    setSaving(true)
    try {
      const { stock } = await call('stockCreate', result.input)
      void Taro.redirectTo({ url: `${PAGES.stock}?id=${stock.id}` })
    } catch (err) {
      const named = fieldIssues(err)
      setIssues(named)
      setError(named.length > 0 ? '请按提示修改后再提交' : errorText(err))
    } finally {
      setSaving(false)
    }
  }

  if (!campaignId) return <Text className='page line error'>缺少活动参数</Text>

  const kindIndex = Math.max(0, KINDS.indexOf(draft.kind))
  const elsewhere = issues.filter((issue) => !FIELD_PATHS.some((path) => issueIsAt(issue, path)))
  return (
    <View id='stock-form' className='page'>
      <Text className='page-title'>新建优惠券</Text>
      <TextField id='stock-name' label='名称' maxlength={64} value={draft.name} onInput={(name) => change({ name })} issues={issues} path='name' />
      <View className='field'>
        <Text className='field-label'>类型</Text>
        <Picker mode='selector' range={KINDS.map((k) => STOCK_KIND_LABELS[k])} value={kindIndex} onChange={(e) => changeKind(KINDS[Number(e.detail.value)])}>
          <View id='stock-kind' className='input'>{STOCK_KIND_LABELS[draft.kind]}</View>
        </Picker>
        <FieldError issues={issues} path='kind' />
      </View>
      {draft.kind === 'wechatpay' && (
        <TextField id='stock-wechatpay-id' label='微信支付批次号（stock_id）' type='number' maxlength={32} value={draft.wechatpayStockId} onInput={(wechatpayStockId) => change({ wechatpayStockId })} issues={issues} path='wechatpayStockId' />
      )}
      <BenefitFields draft={draft} issues={issues} onChange={change} />
      <ValidityFields draft={draft} issues={issues} onChange={change} />
      <TextField id='stock-total' label='发放总量（张）' type='number' value={draft.total} onInput={(total) => change({ total })} issues={issues} path='total' />
      <TextField id='stock-limit' label='每人限领（张）' type='number' value={draft.perCustomerLimit} onInput={(perCustomerLimit) => change({ perCustomerLimit })} issues={issues} path='perCustomerLimit' />
      <View className='field'>
        <Text className='field-label'>可领取的渠道</Text>
        <Loaded state={channels}>
          {({ channels: rows }) => <ChannelPicker channels={rows} selected={draft.channelIds} onChange={(channelIds) => change({ channelIds })} />}
        </Loaded>
        <FieldError issues={issues} path='channelIds' />
      </View>
      <TextField id='stock-alerts' label='库存预警（剩余百分比，逗号分隔）' value={draft.alertThresholds} onInput={(alertThresholds) => change({ alertThresholds })} issues={issues} path='alertThresholdsPct' />

      <Button id='stock-save' type='primary' disabled={saving} loading={saving} onClick={save}>创建优惠券</Button>
      {elsewhere.map((issue) => (
        <Text key={issue.path} className='line error'>{issue.path}：{issue.message}</Text>
      ))}
      {error && <Text id='stock-error' className='line error'>{error}</Text>}
    </View>
  )
}
