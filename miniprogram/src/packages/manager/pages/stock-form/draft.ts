import type { CouponBenefit, CouponValidity, StockInput, StockKind } from '@scrm/shared'
import { yuanToFen } from '../../../../lib/money'
import { shanghaiDayEnd, shanghaiDayStart, shanghaiToday } from '../../../../lib/shanghaiTime'
import type { FieldIssue } from '../../components/errorText'

export type BenefitKind = CouponBenefit['kind']
export type ValidityKind = CouponValidity['kind']

export const BENEFIT_KIND_LABELS: Record<BenefitKind, string> = {
  amount_off: '满减',
  percent_off: '折扣',
  gift: '赠品',
}

export const VALIDITY_KIND_LABELS: Record<ValidityKind, string> = {
  fixed: '固定日期',
  days_after_claim: '领取后若干天',
}

/** The stock form as the manager types it: numbers stay text until the draft is submitted. */
export interface StockDraft {
  name: string
  kind: StockKind
  wechatpayStockId: string
  benefitKind: BenefitKind
  amountYuan: string
  minSpendYuan: string
  /** Percent off, 1–99: 15 is 8.5折. */
  percentOff: string
  gift: string
  validityKind: ValidityKind
  from: string
  to: string
  days: string
  total: string
  perCustomerLimit: string
  /** None: every channel. */
  channelIds: string[]
  alertThresholds: string
}

export const emptyStockDraft = (): StockDraft => ({
  name: '',
  kind: 'own',
  wechatpayStockId: '',
  benefitKind: 'amount_off',
  amountYuan: '',
  minSpendYuan: '',
  percentOff: '',
  gift: '',
  validityKind: 'fixed',
  from: shanghaiToday(),
  to: shanghaiToday(30),
  days: '30',
  total: '',
  perCustomerLimit: '1',
  channelIds: [],
  alertThresholds: '20, 5',
})

/** Every field the form shows problems under; the server's paths for anything else show at the bottom. */
export const FIELD_PATHS = [
  'name',
  'kind',
  'wechatpayStockId',
  'benefit.kind',
  'benefit.amountFen',
  'benefit.percentOff',
  'benefit.gift',
  'benefit.minSpendFen',
  'validity',
  'total',
  'perCustomerLimit',
  'channelIds',
  'alertThresholdsPct',
] as const

const wholeNumber = (text: string): number | null => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null)

function benefit(draft: StockDraft, issues: FieldIssue[]): CouponBenefit | undefined {
  const minSpendFen = yuanToFen(draft.minSpendYuan)
  if (draft.benefitKind !== 'gift' && minSpendFen === null) issues.push({ path: 'benefit.minSpendFen', message: '门槛请填写金额（元，最多两位小数），留空为无门槛' })
  switch (draft.benefitKind) {
    case 'amount_off': {
      const amountFen = yuanToFen(draft.amountYuan)
      if (!amountFen) {
        issues.push({ path: 'benefit.amountFen', message: '请填写减免金额（元，最多两位小数）' })
        return undefined
      }
      return minSpendFen === null ? undefined : { kind: 'amount_off', amountFen, minSpendFen }
    }
    case 'percent_off': {
      const percentOff = wholeNumber(draft.percentOff)
      if (percentOff === null || percentOff < 1 || percentOff > 99) {
        issues.push({ path: 'benefit.percentOff', message: '优惠比例需为 1–99 的整数' })
        return undefined
      }
      return minSpendFen === null ? undefined : { kind: 'percent_off', percentOff, minSpendFen }
    }
    case 'gift':
      if (!draft.gift.trim()) {
        issues.push({ path: 'benefit.gift', message: '请填写赠品' })
        return undefined
      }
      return { kind: 'gift', gift: draft.gift.trim() }
  }
}

function validity(draft: StockDraft, issues: FieldIssue[]): CouponValidity | undefined {
  if (draft.validityKind === 'fixed') {
    if (draft.to < draft.from) {
      issues.push({ path: 'validity.to', message: '结束日期不能早于开始日期' })
      return undefined
    }
    return { kind: 'fixed', from: shanghaiDayStart(draft.from), to: shanghaiDayEnd(draft.to) }
  }
  const days = wholeNumber(draft.days)
  if (days === null || days < 1 || days > 3650) {
    issues.push({ path: 'validity.days', message: '天数需为 1–3650 的整数' })
    return undefined
  }
  return { kind: 'days_after_claim', days }
}

function thresholds(text: string, issues: FieldIssue[]): number[] {
  const values = text.split(/[,，\s]+/).filter(Boolean).map(wholeNumber)
  if (values.some((v) => v === null || v < 1 || v > 99) || values.length > 5) {
    issues.push({ path: 'alertThresholdsPct', message: '最多 5 个 1–99 的整数，逗号分隔' })
  }
  return values.filter((v): v is number => v !== null)
}

/** The API body for a draft, or every field the manager still has to fix. */
export function stockInput(draft: StockDraft, campaignId: string): { input: StockInput } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = []
  const wechatpay = draft.kind === 'wechatpay'
  if (!draft.name.trim()) issues.push({ path: 'name', message: '请填写优惠券名称' })
  if (wechatpay && !/^\d{1,32}$/.test(draft.wechatpayStockId.trim())) issues.push({ path: 'wechatpayStockId', message: '请填写微信支付批次号（数字）' })
  const total = wholeNumber(draft.total)
  if (!total) issues.push({ path: 'total', message: '发放总量需为正整数' })
  const perCustomerLimit = wholeNumber(draft.perCustomerLimit)
  if (!perCustomerLimit || perCustomerLimit > 100) issues.push({ path: 'perCustomerLimit', message: '每人限领需为 1–100 的整数' })
  const benefitValue = benefit(draft, issues)
  const validityValue = validity(draft, issues)
  const alertThresholdsPct = thresholds(draft.alertThresholds, issues)
  if (issues.length > 0 || !benefitValue || !validityValue || !total || !perCustomerLimit) return { issues }
  return {
    input: {
      campaignId,
      name: draft.name.trim(),
      kind: draft.kind,
      ...(wechatpay ? { wechatpayStockId: draft.wechatpayStockId.trim() } : {}),
      benefit: benefitValue,
      validity: validityValue,
      total,
      perCustomerLimit,
      channelIds: draft.channelIds,
      alertThresholdsPct,
    },
  }
}
