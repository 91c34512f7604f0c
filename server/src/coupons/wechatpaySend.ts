import { identityOf, survivorOf } from "../customers/oneId";
import { addTimeline } from "../customers/timeline";
import { WechatPayApiError } from "../pay";
import type { CouponDeps } from "./deps";
import { CouponClaim } from "./claim.entity";
import { giveUnitBack } from "./counters";
import { CouponStock } from "./stock.entity";
import { rematchCouponUse } from "./payEvents";

/** WeChat Pay's idempotency key for a claim's send: the same claim always sends the same request. */
export const outRequestNoOf = (claimId: string): string => `scrm${claimId.replace(/-/g, "")}`;

/**
 * The outbox job of a WeChat Pay claim: send the coupon to the customer's openid. A retry after a
 * timeout repeats `out_request_no`, so WeChat Pay answers the coupon it already sent. A definitive
 * refusal fails the claim and returns its unit; anything else throws, and the outbox retries.
 */
export async function sendWechatPayCoupon(deps: CouponDeps, claimId: string, attempt: number): Promise<void> {
  const { db, wechatpay, logger } = deps;
  const claim = await db.manager.findOneBy(CouponClaim, { id: claimId });
  if (!claim || claim.state !== "sending") return;
  const stock = (await db.manager.findOneBy(CouponStock, { id: claim.stockId }))!;
  // Identities move to the surviving record when customers are merged.
  const openid = await identityOf(db.manager, await survivorOf(db.manager, claim.customerId), "miniapp_openid");
  if (!openid) return failClaim(deps, claim, stock, "the customer has no mini-program openid");
  if (!wechatpay) throw new Error("WeChat Pay is not configured");
  try {
    const { couponId } = await wechatpay.sendCoupon({ openid, stockId: stock.wechatpayStockId!, outRequestNo: outRequestNoOf(claim.id) });
    await db.transaction((em) => em.update(CouponClaim, { id: claim.id, state: "sending" }, { state: "issued", wechatpayCouponId: couponId }));
    // Only a send whose earlier answer was lost can have had its coupon used before now.
    if (attempt > 1) await rematchCouponUse(deps, couponId);
  } catch (err) {
    if (!(err instanceof WechatPayApiError && err.definitive)) throw err;
    logger.warn({ claimId, stockId: stock.id, code: err.code }, "WeChat Pay refused a coupon send");
    await failClaim(deps, claim, stock, `${err.code}: ${err.message}`);
    if (err.code === BUDGET_USED_UP) await pauseStock(deps, stock);
  }
}

/** WeChat Pay's answer when its own stock has no budget left: no later send of this stock can succeed. */
const BUDGET_USED_UP = "NOT_ENOUGH";

/** Stops claims that could only fail; the manager sees the stock paused (and resumes it after topping up at WeChat Pay). */
async function pauseStock(deps: CouponDeps, stock: CouponStock): Promise<void> {
  await deps.db.transaction((em) => em.update(CouponStock, { id: stock.id }, { status: "paused" }));
  deps.coupons.forget(stock.id);
  deps.logger.error({ stockId: stock.id, wechatpayStockId: stock.wechatpayStockId }, "WeChat Pay stock budget used up: coupon stock paused");
}

/** The claim failed for good: it gives up its seq (the customer may claim again) and its unit. */
async function failClaim(deps: CouponDeps, claim: CouponClaim, stock: CouponStock, reason: string): Promise<void> {
  await deps.db.transaction(async (em) => {
    const failed = await em.update(CouponClaim, { id: claim.id, state: "sending" }, { state: "failed", seq: null, failure: reason.slice(0, 255) });
    if (failed.affected !== 1) return;
    await giveUnitBack(em, stock.id, stock.shards);
    await addTimeline(em, claim.customerId, "coupon_failed", deps.clock.now(), { stockId: stock.id, claimId: claim.id, reason });
  });
  deps.coupons.forget(stock.id); // the unit is claimable again at once, here at least
}
