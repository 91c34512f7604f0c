import { z } from "zod";
import { addTimeline } from "../customers/timeline";
import type { CouponDeps } from "./deps";
import { plansFor } from "../followups/triggers";
import { redemptionOccurrence } from "../followups/couponTriggers";
import { CouponClaim } from "./claim.entity";

/** The outcome of a COUPON.USE about a coupon id no claim has (yet): see `rematchCouponUse`. */
export const UNKNOWN_COUPON = "unknown_coupon";

const CouponUse = z.object({
  coupon_id: z.string().min(1).max(64),
  stock_id: z.string().max(64).optional(),
  normal_coupon_information: z.object({ coupon_amount: z.number().int().min(0) }).partial().optional(),
  consume_information: z.object({
    consume_time: z.string(),
    consume_mchid: z.string().max(32).optional(),
    transaction_id: z.string().min(1).max(64),
  }),
});

/**
 * COUPON.USE: a WeChat Pay coupon was used at checkout. Redeems our claim once (conditional
 * update: a redelivered notification changes nothing). A coupon we never issued is logged for a
 * manager and otherwise ignored, until a send learns that id (a send whose answer timed out may
 * have made a coupon that is used before our retry records it): then it is handled again.
 */
export async function couponUsed(deps: CouponDeps, resource: unknown): Promise<string> {
  const { db, logger } = deps;
  const parsed = CouponUse.safeParse(resource);
  if (!parsed.success) {
    logger.warn({ issues: parsed.error.issues.slice(0, 3) }, "COUPON.USE without the fields we need");
    return "malformed";
  }
  const use = parsed.data;
  const claim = await db.manager.findOneBy(CouponClaim, { wechatpayCouponId: use.coupon_id });
  if (!claim) {
    logger.warn({ couponId: use.coupon_id, stockId: use.stock_id, transactionId: use.consume_information.transaction_id }, "COUPON.USE for a coupon we did not issue");
    return UNKNOWN_COUPON;
  }
  const at = new Date(use.consume_information.consume_time);
  const followups = await plansFor(deps, ["coupon_redeemed"]);
  const outcome = await db.transaction(async (em) => {
    const result = await em
      .createQueryBuilder()
      .update(CouponClaim)
      .set({
        state: "redeemed",
        redeemedAt: at,
        transactionId: use.consume_information.transaction_id,
        consumeMchid: use.consume_information.consume_mchid ?? null,
        faceValueFen: use.normal_coupon_information?.coupon_amount ?? null,
      })
      .where("id = :id AND state = 'issued'", { id: claim.id })
      .execute();
    if (result.affected !== 1) return "already_redeemed";
    await addTimeline(em, claim.customerId, "coupon_redeemed", at, { stockId: claim.stockId, claimId: claim.id, via: "wechatpay", transactionId: use.consume_information.transaction_id });
    await followups.schedule(em, [redemptionOccurrence(claim, at)], deps.clock.now());
    return "redeemed";
  });
  if (outcome === "redeemed") {
    const stock = await deps.coupons.stockForClaim(claim.stockId);
    deps.materials.score({ customerId: claim.customerId, kind: "redeem", at, stockName: stock?.name });
  }
  return outcome;
}

/** A send just recorded this coupon id: a COUPON.USE that came first is handled again. */
export const rematchCouponUse = (deps: CouponDeps, couponId: string): Promise<number> => deps.payNotifications.retryUnmatched("COUPON.USE", UNKNOWN_COUPON, couponId);
