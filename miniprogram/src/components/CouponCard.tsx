import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { CouponBenefit } from '@scrm/shared'
import { benefitText } from '../lib/coupons'

interface CouponCardProps {
  id?: string
  name: string
  benefit: CouponBenefit
  /** The validity line: a stock's promise before the claim, a coupon's own period after. */
  validity: string
  badge?: string
  onClick?: () => void
  /** Extra attributes for tests and for telling cards apart. */
  data?: Record<`data-${string}`, string>
  children?: ReactNode
}

/** A coupon as customers see it, on a landing page's offers and in their own list. */
export function CouponCard({ id, name, benefit, validity, badge, onClick, data, children }: CouponCardProps) {
  return (
    <View id={id} className='card coupon-card' onClick={onClick} {...data}>
      <Text className='coupon-benefit'>{benefitText(benefit)}</Text>
      <View className='line'>
        <Text>{name}</Text>
        {badge && <Text className='badge'>{badge}</Text>}
      </View>
      <Text className='line muted'>{validity}</Text>
      {children}
    </View>
  )
}
