import type { CouponOffer, CouponStatus, MyCoupon, StockAlertView, StockView } from "@scrm/shared";
import type { CouponClaim } from "./claim.entity";
import type { CouponStock, StockAlert } from "./stock.entity";
import type { StockNumbers } from "./stockNumbers";

export const presentStock = (s: CouponStock, n: StockNumbers): StockView => ({
  id: s.id,
  campaignId: s.campaignId,
  name: s.name,
  kind: s.kind,
  wechatpayStockId: s.wechatpayStockId,
  benefit: s.benefit,
  validity: s.validity,
  total: s.total,
  perCustomerLimit: s.perCustomerLimit,
  channelIds: s.channelIds,
  alertThresholdsPct: s.alertThresholdsPct,
  status: s.status,
  ...n,
  createdAt: s.createdAt.toISOString(),
});

export const presentAlert = (a: StockAlert, s: CouponStock): StockAlertView => ({
  stockId: s.id,
  stockName: s.name,
  thresholdPct: a.thresholdPct,
  remaining: a.remaining,
  total: s.total,
  at: a.at.toISOString(),
});

export const presentOffer = (s: CouponStock, remaining: number): CouponOffer => ({
  stockId: s.id,
  name: s.name,
  kind: s.kind,
  benefit: s.benefit,
  validity: s.validity,
  soldOut: remaining <= 0,
});

function statusOf(c: CouponClaim, now: Date): CouponStatus {
  if (c.state === "redeemed") return "used";
  if (c.state === "sending") return "sending";
  if (c.state === "failed" || c.state === "refused") return "failed";
  return c.validTo <= now ? "expired" : "valid";
}

export const presentCoupon = (c: CouponClaim, s: CouponStock, now: Date): MyCoupon => ({
  id: c.id,
  stockId: s.id,
  name: s.name,
  kind: s.kind,
  benefit: s.benefit,
  status: statusOf(c, now),
  validFrom: c.validFrom.toISOString(),
  validTo: c.validTo.toISOString(),
  claimedAt: c.claimedAt.toISOString(),
  redeemedAt: c.redeemedAt?.toISOString() ?? null,
  wechatpayCouponId: c.wechatpayCouponId,
});
