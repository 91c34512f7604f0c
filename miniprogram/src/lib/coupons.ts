import type { CouponBenefit, CouponStatus, CouponValidity, ErrorCode, StockKind, StockStatus } from '@scrm/shared'
import { ApiError } from '../api/client'
import { yuanLabel } from './money'
import { formatShanghaiTime, shanghaiDate } from './shanghaiTime'

/** 满100减20 / 立减20元 / 8.5折 / 满200享9折 / 赠品：帆布袋 */
export function benefitText(benefit: CouponBenefit): string {
  switch (benefit.kind) {
    case 'amount_off': {
      const minSpend = benefit.minSpendFen
      return minSpend > 0 ? `满${yuanLabel(minSpend)}减${yuanLabel(benefit.amountFen)}` : `立减${yuanLabel(benefit.amountFen)}元`
    }
    case 'percent_off': {
      const minSpend = benefit.minSpendFen
      const discount = `${(100 - benefit.percentOff) / 10}折`
      return minSpend > 0 ? `满${yuanLabel(minSpend)}享${discount}` : discount
    }
    case 'gift':
      return `赠品：${benefit.gift}`
  }
}

/** How long a stock's coupons are valid, as promised before the claim. */
export function validityText(validity: CouponValidity): string {
  return validity.kind === 'fixed'
    ? `${shanghaiDate(validity.from)} 至 ${shanghaiDate(validity.to)} 有效`
    : `领取后 ${validity.days} 天内有效`
}

/** A claimed coupon's own period. */
export const validUntilText = (validTo: string): string => `有效期至 ${formatShanghaiTime(validTo)}`

/** When a coupon whose period has not begun can first be used: `2026-11-27 10:00 起可用`. */
export const usableFromText = (validFrom: string): string => `${formatShanghaiTime(validFrom)} 起可用`

/**
 * What the customer can do with a coupon now: its status, except that a `valid` coupon whose period
 * has not begun yet (the server still calls it valid, and refuses its code) is `not_yet`.
 */
export type CouponUsage = CouponStatus | 'not_yet'

export const couponUsage = (status: CouponStatus, periodBegun: boolean): CouponUsage =>
  status === 'valid' && !periodBegun ? 'not_yet' : status

export const COUPON_USAGE_LABELS: Record<CouponUsage, string> = {
  sending: '发放中',
  not_yet: '未到使用时间',
  valid: '可使用',
  used: '已使用',
  expired: '已过期',
  failed: '发放失败',
}

export const STOCK_KIND_LABELS: Record<StockKind, string> = {
  own: '自有券（门店核销）',
  wechatpay: '微信支付券',
}

export const STOCK_STATUS_LABELS: Record<StockStatus, string> = {
  active: '发放中',
  paused: '已暂停',
}

/** Why a claim was refused, for the codes the claim endpoint answers. */
export const CLAIM_REFUSALS: Partial<Record<ErrorCode, string>> = {
  sold_out: '已领完',
  claim_limit_reached: '已达领取上限',
  stock_paused: '活动暂停',
  channel_not_allowed: '本渠道不可领',
}

/** What went wrong with an in-store redemption, for the codes the redeem endpoint answers. */
export const REDEEM_REFUSALS: Partial<Record<ErrorCode, string>> = {
  code_invalid: '券码无效或已过期，请顾客刷新券码后重新出示',
  coupon_not_redeemable: '该券已使用、已过期，或不是门店核销券',
  forbidden: '当前账号无核销权限',
  unauthorized: '登录已失效，请重新登录',
  validation_failed: '请填写门店和完整的券码',
}

/** The message for a failed call: the table's for its code, else the server's (or the client's) own. */
export function refusalText(err: unknown, table: Partial<Record<ErrorCode, string>>): string {
  const mapped = err instanceof ApiError ? (table as Partial<Record<string, string>>)[err.code] : undefined
  return mapped ?? (err instanceof Error ? err.message : String(err))
}
