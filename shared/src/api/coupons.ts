import { z } from "zod";
import { Attribution } from "../attribution";

const fen = z.number().int().min(0).max(1e12);
const isoTime = z.iso.datetime();

/** What a coupon gives. Money is integer fen. */
export const CouponBenefit = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("amount_off"), amountFen: fen.min(1), minSpendFen: fen.default(0) }),
  z.object({ kind: z.literal("percent_off"), percentOff: z.number().int().min(1).max(99), minSpendFen: fen.default(0) }),
  z.object({ kind: z.literal("gift"), gift: z.string().trim().min(1).max(64) }),
]);
export type CouponBenefit = z.infer<typeof CouponBenefit>;

/** When a claimed coupon can be used: a fixed period, or N days from the claim. */
export const CouponValidity = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("fixed"), from: isoTime, to: isoTime }),
  z.object({ kind: z.literal("days_after_claim"), days: z.number().int().min(1).max(3650) }),
]);
export type CouponValidity = z.infer<typeof CouponValidity>;

/** `own`: our coupon, redeemed in store by a staff scan; `wechatpay`: a WeChat Pay stock sent to the customer's openid. */
export const StockKind = z.enum(["own", "wechatpay"]);
export type StockKind = z.infer<typeof StockKind>;

export const StockInput = z
  .object({
    campaignId: z.string().min(1).max(36),
    name: z.string().trim().min(1).max(64),
    kind: StockKind,
    /** The WeChat Pay `stock_id` (kind `wechatpay` only). */
    wechatpayStockId: z.string().regex(/^\d{1,32}$/, "must be the numeric WeChat Pay stock_id").optional(),
    benefit: CouponBenefit,
    validity: CouponValidity,
    total: z.number().int().min(1).max(10_000_000),
    perCustomerLimit: z.number().int().min(1).max(100).default(1),
    /** Channels whose customers may claim; empty means every channel (and none). */
    channelIds: z.array(z.string().min(1).max(36)).max(100).default([]),
    /** Remaining percentages that alert managers once when crossed, e.g. [20, 5]. */
    alertThresholdsPct: z.array(z.number().int().min(1).max(99)).max(5).default([20, 5]),
  })
  .refine((s) => s.kind !== "wechatpay" || s.wechatpayStockId !== undefined, {
    message: "a WeChat Pay stock needs its stock_id",
    path: ["wechatpayStockId"],
  })
  .refine((s) => s.kind !== "wechatpay" || s.benefit.kind === "amount_off", {
    message: "WeChat Pay coupons are amount-off coupons",
    path: ["benefit", "kind"],
  })
  .refine((s) => s.validity.kind !== "fixed" || s.validity.to > s.validity.from, { message: "to must be after from", path: ["validity", "to"] });
export type StockInput = z.input<typeof StockInput>;

export const StockStatus = z.enum(["active", "paused"]);
export type StockStatus = z.infer<typeof StockStatus>;

export const StockView = z.object({
  id: z.string(),
  campaignId: z.string(),
  name: z.string(),
  kind: StockKind,
  wechatpayStockId: z.string().nullable(),
  benefit: CouponBenefit,
  validity: CouponValidity,
  total: z.number(),
  perCustomerLimit: z.number(),
  channelIds: z.array(z.string()),
  alertThresholdsPct: z.array(z.number()),
  status: StockStatus,
  /** Exact: the units not yet taken (a failed WeChat Pay send gives its unit back). */
  remaining: z.number(),
  /** Coupons held by customers (issued, being sent, or redeemed). */
  claimed: z.number(),
  redeemed: z.number(),
  /** Order revenue of the payments that used these coupons (WeChat Pay checkouts through our mini-program), in fen. */
  revenueFen: z.number(),
  createdAt: isoTime,
});
export type StockView = z.infer<typeof StockView>;

export const StockAlertView = z.object({
  stockId: z.string(),
  stockName: z.string(),
  thresholdPct: z.number(),
  remaining: z.number(),
  total: z.number(),
  at: isoTime,
});
export type StockAlertView = z.infer<typeof StockAlertView>;

export const StockDetail = z.object({ stock: StockView, alerts: z.array(StockAlertView) });
export type StockDetail = z.infer<typeof StockDetail>;

/** What a customer sees on a landing page before claiming. */
export const CouponOffer = z.object({
  stockId: z.string(),
  name: z.string(),
  kind: StockKind,
  benefit: CouponBenefit,
  validity: CouponValidity,
  soldOut: z.boolean(),
});
export type CouponOffer = z.infer<typeof CouponOffer>;

/**
 * `POST /api/coupons/claim`, with an `Idempotency-Key` header (8–64 characters): the same key
 * answers the same claim. `state` is the channel landing page's, which the claim is attributed to.
 */
export const ClaimRequest = z.object({
  stockId: z.string().min(1).max(36),
  state: z.string().min(1).max(30).optional(),
  attribution: Attribution.pick({ staffUserId: true, shareToken: true, referralCode: true }).optional(),
});
export type ClaimRequest = z.infer<typeof ClaimRequest>;

/** `sending`: a WeChat Pay coupon on its way; `valid`; `used`; `expired`; `failed`: WeChat Pay refused it. */
export const CouponStatus = z.enum(["sending", "valid", "used", "expired", "failed"]);
export type CouponStatus = z.infer<typeof CouponStatus>;

export const MyCoupon = z.object({
  id: z.string(),
  stockId: z.string(),
  name: z.string(),
  kind: StockKind,
  benefit: CouponBenefit,
  status: CouponStatus,
  validFrom: isoTime,
  validTo: isoTime,
  claimedAt: isoTime,
  redeemedAt: isoTime.nullable(),
  /** The WeChat Pay coupon id once sent: the customer finds it in WeChat's card wallet. */
  wechatpayCouponId: z.string().nullable(),
});
export type MyCoupon = z.infer<typeof MyCoupon>;

export const ClaimResponse = z.object({ coupon: MyCoupon });
export type ClaimResponse = z.infer<typeof ClaimResponse>;

/** `GET /api/coupons/mine/:id/code`: the in-store code, valid for this minute (and the one before). */
export const RedeemCode = z.object({
  code: z.string(),
  /** The code as a QR PNG data URL (works in an Image on weapp and H5 alike). */
  qrImage: z.string(),
  expiresAt: isoTime,
  refreshAfterMs: z.number(),
});
export type RedeemCode = z.infer<typeof RedeemCode>;

/** `POST /api/coupons/redeem` by a staff member who scanned (or typed) the customer's code. */
export const RedeemRequest = z.object({
  code: z.string().trim().min(10).max(200),
  store: z.string().trim().min(1).max(64),
});
export type RedeemRequest = z.infer<typeof RedeemRequest>;

export const Redemption = z.object({
  couponId: z.string(),
  stockName: z.string(),
  benefit: CouponBenefit,
  customerName: z.string().nullable(),
  store: z.string(),
  staffUserId: z.string(),
  redeemedAt: isoTime,
});
export type Redemption = z.infer<typeof Redemption>;
