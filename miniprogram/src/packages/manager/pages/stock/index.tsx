import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { StockAlertView, StockView } from '@scrm/shared'
import { call } from '../../../../api/client'
import { Loaded } from '../../../../components/Loaded'
import { useReloadableApi } from '../../../../hooks/useApi'
import { benefitText, STOCK_KIND_LABELS, STOCK_STATUS_LABELS, validityText } from '../../../../lib/coupons'
import { fenToYuan } from '../../../../lib/money'
import { formatShanghaiTime } from '../../../../lib/shanghaiTime'
import { errorText } from '../../components/errorText'

function Numbers({ stock }: { stock: StockView }) {
  const rows: Array<[string, string, string]> = [
    ['remaining', '剩余 / 总量', `${stock.remaining} / ${stock.total}`],
    ['claimed', '已领取', String(stock.claimed)],
    ['redeemed', '已核销', String(stock.redeemed)],
    ['revenue', '带来营收', `${fenToYuan(stock.revenueFen)} 元`],
  ]
  return (
    <View className='table section'>
      {rows.map(([key, label, value]) => (
        <View key={key} className='table-row'>
          <Text className='table-cell-first'>{label}</Text>
          <Text id={`stock-${key}`} className='table-cell'>{value}</Text>
        </View>
      ))}
    </View>
  )
}

function AlertRow({ alert }: { alert: StockAlertView }) {
  return (
    <View className='card' data-testid='stock-alert'>
      <Text className='line'>剩余低于 {alert.thresholdPct}%：剩 {alert.remaining} / {alert.total}</Text>
      <Text className='muted'>{formatShanghaiTime(alert.at)}</Text>
    </View>
  )
}

/** One coupon stock: its rules, its numbers, pause/resume, and the stock-low alerts it raised. */
export default function StockPage() {
  const id = useRouter().params.id ?? ''
  const [detail, reload] = useReloadableApi('stockGet', { params: { id } }, id !== '')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  const toggle = async (stock: StockView) => {
    setBusy(true)
    setError(undefined)
    try {
      await call(stock.status === 'active' ? 'stockPause' : 'stockResume', undefined, { params: { id } })
      reload()
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  if (!id) return <Text className='page line error'>缺少优惠券参数</Text>

  return (
    <View className='page'>
      <Loaded state={detail}>
        {({ stock, alerts }) => (
          <View id='stock-detail' data-status={stock.status}>
            <Text className='page-title'>{stock.name}</Text>
            <Text className='line'>
              {benefitText(stock.benefit)}
              <Text id='stock-status' className='badge'>{STOCK_STATUS_LABELS[stock.status]}</Text>
            </Text>
            <Text className='line muted'>
              {STOCK_KIND_LABELS[stock.kind]}
              {stock.wechatpayStockId ? ` · 批次号 ${stock.wechatpayStockId}` : ''} · {validityText(stock.validity)}
            </Text>
            <Text className='line muted'>
              每人限领 {stock.perCustomerLimit} 张 · {stock.channelIds.length === 0 ? '所有渠道可领' : `${stock.channelIds.length} 个渠道可领`} · 预警线{' '}
              {stock.alertThresholdsPct.map((p) => `${p}%`).join('、') || '无'}
            </Text>
            <Numbers stock={stock} />
            <Button id='stock-toggle' disabled={busy} loading={busy} onClick={() => toggle(stock)}>
              {stock.status === 'active' ? '暂停发放' : '恢复发放'}
            </Button>
            {error && <Text className='line error'>{error}</Text>}

            <Text className='section-title'>库存预警</Text>
            {alerts.length === 0 && <Text className='line muted'>暂无预警</Text>}
            {alerts.map((alert) => (
              <AlertRow key={`${alert.thresholdPct}-${alert.at}`} alert={alert} />
            ))}
          </View>
        )}
      </Loaded>
    </View>
  )
}
