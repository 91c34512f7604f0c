import type { MyCoupon } from '@scrm/shared'
import { couponUsage, type CouponUsage } from '../lib/coupons'
import { useTimeReached } from './useTimeReached'

/** The coupon's usage by this device's clock; a `not_yet` coupon turns `valid` on screen when its period begins. */
export function useCouponUsage(coupon: Pick<MyCoupon, 'status' | 'validFrom'>): CouponUsage {
  return couponUsage(coupon.status, useTimeReached(coupon.validFrom))
}
