import type { CouponValidity } from "@scrm/shared";
import { DAY_MS } from "../platform/clock";

/** When a coupon claimed at `claimedAt` (business time) can be used. */
export function validityWindow(validity: CouponValidity, claimedAt: Date): { from: Date; to: Date } {
  if (validity.kind === "fixed") return { from: new Date(validity.from), to: new Date(validity.to) };
  return { from: claimedAt, to: new Date(claimedAt.getTime() + validity.days * DAY_MS) };
}

/** Whether claiming is over for a stock whose coupons all end at a fixed time. */
export const offerEnded = (validity: CouponValidity, now: Date): boolean => validity.kind === "fixed" && new Date(validity.to) <= now;
