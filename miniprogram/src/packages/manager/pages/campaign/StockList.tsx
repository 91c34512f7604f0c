import { Text, View } from '@tarojs/components'
import type { StockView } from '@scrm/shared'
import { benefitText, STOCK_STATUS_LABELS } from '../../../../lib/coupons'
import { fenToYuan } from '../../../../lib/money'
import { openPage } from '../../../../lib/pages'

/** The campaign's coupon stocks with their numbers; each opens its detail. */
export function StockList({ stocks }: { stocks: StockView[] }) {
  return (
    <View id='stock-list'>
      {stocks.length === 0 && <Text className='line muted'>还没有优惠券</Text>}
      {stocks.map((stock) => (
        <View
          key={stock.id}
          id={`stock-${stock.id}`}
          className='card'
          data-testid='stock-row'
          data-stock-name={stock.name}
          onClick={() => openPage('stock', { id: stock.id })}
        >
          <Text className='line'>
            {stock.name}
            <Text className='badge'>{STOCK_STATUS_LABELS[stock.status]}</Text>
          </Text>
          <Text className='line muted'>{benefitText(stock.benefit)}</Text>
          <Text className='line muted'>
            剩余 {stock.remaining}/{stock.total} · 已领 {stock.claimed} · 已核销 {stock.redeemed} · 带来营收 {fenToYuan(stock.revenueFen)} 元
          </Text>
        </View>
      ))}
    </View>
  )
}
