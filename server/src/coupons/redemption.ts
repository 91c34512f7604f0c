import type { Redemption } from "@scrm/shared";
import { Customer } from "../customers/customer.entity";
import { addTimeline } from "../customers/timeline";
import type { CouponDeps } from "./deps";
import { CouponClaim } from "./claim.entity";
import { CodeInvalid, CouponNotRedeemable } from "./errors";
import { CouponStock } from "./stock.entity";
import { plansFor } from "../followups/triggers";
import { redemptionOccurrence } from "../followups/couponTriggers";

/**
 * A staff member redeems the coupon whose code they scanned. One conditional update: of two scans
 * at once, one redeems and the other is told the coupon is already used.
 */
export async function redeemInStore(deps: CouponDeps, staffUserId: string, code: string, store: string): Promise<Redemption> {
  const { db, clock } = deps;
  const claimId = deps.coupons.codes.read(code);
  if (!claimId) throw CodeInvalid();
  const claim = await db.manager.findOneBy(CouponClaim, { id: claimId });
  const stock = claim && (await db.manager.findOneBy(CouponStock, { id: claim.stockId }));
  if (!claim || !stock) throw CodeInvalid();
  if (stock.kind !== "own") throw CouponNotRedeemable("A WeChat Pay coupon is used at WeChat Pay checkout");
  const now = clock.now();
  const followups = await plansFor(deps, ["coupon_redeemed"]);
  const redeemed = await db.transaction(async (em) => {
    const result = await em
      .createQueryBuilder()
      .update(CouponClaim)
      .set({ state: "redeemed", redeemedAt: now, redeemedBy: staffUserId, redeemedStore: store })
      .where("id = :id AND state = 'issued' AND valid_from <= :now AND valid_to > :now", { id: claim.id, now: now.getTime() })
      .execute();
    if (result.affected !== 1) return false;
    await addTimeline(em, claim.customerId, "coupon_redeemed", now, { stockId: stock.id, claimId: claim.id, store, staffUserId, via: "store" });
    await followups.schedule(em, [redemptionOccurrence(claim, now)], now);
    return true;
  });
  if (!redeemed) throw CouponNotRedeemable(whyNot(await db.manager.findOneByOrFail(CouponClaim, { id: claim.id }), now));
  deps.materials.score({ customerId: claim.customerId, kind: "redeem", at: now, stockName: stock.name });
  const customer = await db.manager.findOneBy(Customer, { id: claim.customerId });
  return {
    couponId: claim.id,
    stockName: stock.name,
    benefit: stock.benefit,
    customerName: customer?.name || null,
    store,
    staffUserId,
    redeemedAt: now.toISOString(),
  };
}

function whyNot(claim: CouponClaim, now: Date): string {
  if (claim.state === "redeemed") return `This coupon was already used${claim.redeemedStore ? ` at ${claim.redeemedStore}` : ""} (${claim.redeemedAt?.toISOString()})`;
  if (claim.validTo <= now) return "This coupon has expired";
  if (claim.validFrom > now) return "This coupon is not valid yet";
  return "This coupon cannot be used";
}
