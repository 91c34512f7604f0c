import type { CouponClaim } from "../coupons/claim.entity";
import type { Occurrence } from "./triggers";

/** A claim starts the plans of claimed coupons, and those counting back from its expiry. */
export const claimOccurrences = (claim: CouponClaim, staffUserId: string | undefined): Occurrence[] => {
  const common = { customerId: claim.customerId, staffUserId: staffUserId ?? null, key: `claim:${claim.id}`, at: claim.claimedAt, claimId: claim.id, stockId: claim.stockId };
  return [
    { kind: "coupon_claimed", ...common },
    { kind: "coupon_expiring", ...common, expiresAt: claim.validTo },
  ];
};

/** A redemption (in a store or at WeChat Pay checkout) is a purchase: the after-purchase plans start from it. */
export const redemptionOccurrence = (claim: CouponClaim, at: Date): Occurrence => ({
  kind: "coupon_redeemed",
  customerId: claim.customerId,
  staffUserId: null,
  key: `redeem:${claim.id}`,
  at,
  claimId: claim.id,
  stockId: claim.stockId,
});
