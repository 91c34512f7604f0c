import type { MyCoupon, RedeemCode } from "@scrm/shared";
import { In, Not } from "typeorm";
import { qrPng } from "../posters";
import { recordsOf } from "../customers/oneId";
import { Conflict, NotFound } from "../http/errors";
import type { CouponDeps } from "./deps";
import { CouponClaim } from "./claim.entity";
import { presentCoupon } from "./presenters";
import { CouponStock } from "./stock.entity";

/** A customer's coupons (also those claimed under records merged into theirs), newest first; refused claims are answers, not coupons. */
export async function myCoupons({ db, clock }: CouponDeps, customerId: string): Promise<MyCoupon[]> {
  const records = await recordsOf(db.manager, customerId);
  const claims = await db.manager.find(CouponClaim, { where: { customerId: In(records), state: Not("refused") }, order: { claimedAt: "DESC" }, take: 200 });
  const stocks = new Map((await db.manager.findBy(CouponStock, { id: In([...new Set(claims.map((c) => c.stockId))]) })).map((s) => [s.id, s]));
  const now = clock.now();
  return claims.map((c) => presentCoupon(c, stocks.get(c.stockId)!, now));
}

/** The rotating in-store code of one of the customer's own coupons. */
export async function myRedeemCode(deps: CouponDeps, customerId: string, claimId: string): Promise<RedeemCode> {
  const { db, clock } = deps;
  const claim = await db.manager.findOneBy(CouponClaim, { id: claimId, customerId: In(await recordsOf(db.manager, customerId)) });
  const stock = claim && (await db.manager.findOneBy(CouponStock, { id: claim.stockId }));
  if (!claim || !stock || claim.state === "refused") throw NotFound("Coupon");
  if (stock.kind !== "own") throw Conflict("A WeChat Pay coupon is used at WeChat Pay checkout, not by a code");
  const status = presentCoupon(claim, stock, clock.now()).status;
  if (status !== "valid") throw Conflict(`This coupon is ${status}`);
  if (claim.validFrom > clock.now()) throw Conflict(`This coupon can be used from ${claim.validFrom.toISOString()}`);
  const { code, expiresAt, refreshAfterMs } = deps.coupons.codes.issue(claim.id);
  const png = await qrPng(code, { size: 360, margin: 2 });
  return { code, qrImage: `data:image/png;base64,${png.toString("base64")}`, expiresAt: expiresAt.toISOString(), refreshAfterMs };
}
