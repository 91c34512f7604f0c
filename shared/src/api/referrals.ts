import { z } from "zod";

/** `GET /api/campaigns/:id/my-referral`: the signed-in staff member's or customer's code in a campaign. */
export const MyReferral = z.object({
  campaignId: z.string(),
  /** ≤ 32 characters: the mini-program code's `scene`, and what a shared card's path carries. */
  code: z.string(),
  /** The page the code opens, with the code as its query. */
  sharePath: z.string(),
});
export type MyReferral = z.infer<typeof MyReferral>;

/** `POST /api/referrals/open`: a signed-in customer opened the mini-program through a code or a shared card. */
export const OpenReferralRequest = z.object({ code: z.string().trim().min(4).max(32) });
export type OpenReferralRequest = z.infer<typeof OpenReferralRequest>;

/**
 * `recorded`: this customer is now the referrer's invitee in the campaign. Not counted:
 * `already_referred` (first touch wins), `self_referral` (their own code, or one of their own
 * invitees'), `existing_customer` (already added one of our staff before).
 */
export const ReferralOutcome = z.enum(["recorded", "already_referred", "self_referral", "existing_customer"]);
export type ReferralOutcome = z.infer<typeof ReferralOutcome>;

export const OpenReferralResponse = z.object({ outcome: ReferralOutcome, campaignId: z.string(), depth: z.number().nullable() });
export type OpenReferralResponse = z.infer<typeof OpenReferralResponse>;
