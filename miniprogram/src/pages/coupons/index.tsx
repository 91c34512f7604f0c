import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { CouponStatus, MyCoupon } from '@scrm/shared'
import { CouponCard } from '../../components/CouponCard'
import { LoadedList } from '../../components/LoadedList'
import { useCustomerApi } from '../../hooks/useCustomerApi'
import { useCouponUsage } from '../../hooks/useCouponUsage'
import { useRefreshableList } from '../../hooks/useReloadOnReturn'
import { COUPON_USAGE_LABELS, usableFromText, validUntilText } from '../../lib/coupons'
import { openPage } from '../../lib/pages'
import { formatShanghaiTime } from '../../lib/shanghaiTime'
import { FollowupOptOut } from './FollowupOptOut'

type Tab = 'usable' | 'used' | 'expired'

/**
 * A coupon being sent is on its way to being usable, and so is one whose period has not begun (its
 * status is `valid`; its row says 未到使用时间); a refused send will never be, like an expired one.
 */
const TABS: Array<{ tab: Tab; label: string; statuses: CouponStatus[] }> = [
  { tab: 'usable', label: '可使用', statuses: ['valid', 'sending'] },
  { tab: 'used', label: '已使用', statuses: ['used'] },
  { tab: 'expired', label: '已过期', statuses: ['expired', 'failed'] },
]

function CouponRow({ coupon }: { coupon: MyCoupon }) {
  const usage = useCouponUsage(coupon)
  const validity =
    coupon.status === 'used' && coupon.redeemedAt ? `使用于 ${formatShanghaiTime(coupon.redeemedAt)}` : validUntilText(coupon.validTo)
  return (
    <CouponCard
      id={`my-coupon-${coupon.id}`}
      name={coupon.name}
      benefit={coupon.benefit}
      validity={validity}
      badge={usage === 'valid' ? undefined : COUPON_USAGE_LABELS[usage]}
      data={{ 'data-testid': 'my-coupon', 'data-status': usage, 'data-coupon-name': coupon.name }}
      onClick={() => openPage('coupon', { id: coupon.id })}
    >
      {usage === 'not_yet' && <Text className='line usable-from'>{usableFromText(coupon.validFrom)}</Text>}
    </CouponCard>
  )
}

/** The customer's coupons by what they can still do with them; a usable one opens its in-store code. */
export default function MyCoupons() {
  const [coupons, reload] = useCustomerApi('myCoupons')
  const [tab, setTab] = useState<Tab>('usable')
  const current = TABS.find((t) => t.tab === tab) ?? TABS[0]
  useRefreshableList(reload)

  return (
    <View className='page'>
      <Text className='page-title'>我的优惠券</Text>
      <LoadedList
        id='my-coupons'
        state={coupons}
        rows={(data) => data.coupons.filter((c) => current.statuses.includes(c.status))}
        empty={`暂无${current.label}的优惠券`}
        header={({ coupons: all }) => (
          <View className='tabs'>
            {TABS.map((t) => (
              <Text key={t.tab} id={`coupon-tab-${t.tab}`} className={t.tab === tab ? 'tab tab-active' : 'tab'} onClick={() => setTab(t.tab)}>
                {t.label}（{all.filter((c) => t.statuses.includes(c.status)).length}）
              </Text>
            ))}
          </View>
        )}
      >
        {(coupon) => <CouponRow key={coupon.id} coupon={coupon} />}
      </LoadedList>
      <FollowupOptOut />
    </View>
  )
}
