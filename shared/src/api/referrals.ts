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

export const LeaderboardBoard = z.enum(["staff", "customer"]);
export const LeaderboardPeriod = z.enum(["all", "day", "week", "month"]);

/** Query of `GET /api/campaigns/:id/leaderboard` and (without board, department, limit) of `…/my-rank`. */
export const LeaderboardQuery = z.object({
  board: LeaderboardBoard.default("staff"),
  period: LeaderboardPeriod.default("all"),
  /** A day inside the period (business time zone); default today. */
  date: z.iso.date().optional(),
  /** A staff department (WeCom department id); staff board only. */
  department: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type LeaderboardQuery = z.input<typeof LeaderboardQuery>;

export const LeaderboardEntry = z.object({ rank: z.number(), memberId: z.string(), name: z.string(), score: z.number() });
export const Leaderboard = z.object({ period: z.string(), entries: z.array(LeaderboardEntry) });
export type Leaderboard = z.infer<typeof Leaderboard>;

/** Qualified referrals of the signed-in member and their place (null when they have none yet). */
export const MyRank = z.object({ period: z.string(), score: z.number(), rank: z.number().nullable(), members: z.number() });
export type MyRank = z.infer<typeof MyRank>;

/** One rung of a campaign's reward ladder: `threshold` qualified friends earn a coupon of `stockId`. */
export const RewardTier = z.object({ threshold: z.number().int().min(1).max(10_000), stockId: z.string().min(1).max(36) });
export type RewardTier = z.infer<typeof RewardTier>;

/** `PUT /api/campaigns/:id/fission` (managers): the reward ladder and its period. */
export const FissionInput = z
  .object({
    tiers: z.array(RewardTier).min(1).max(10),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
  })
  .refine((f) => f.endsAt > f.startsAt, { message: "endsAt must be after startsAt", path: ["endsAt"] })
  .refine((f) => new Set(f.tiers.map((t) => t.threshold)).size === f.tiers.length, { message: "each threshold once", path: ["tiers"] });
export type FissionInput = z.input<typeof FissionInput>;

export const FissionView = z.object({
  campaignId: z.string(),
  tiers: z.array(RewardTier.extend({ stockName: z.string() })),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
});
export type FissionView = z.infer<typeof FissionView>;

/** `GET /api/campaigns/:id/my-progress` (customers): qualified friends, each tier and whether it was granted. */
export const FissionProgress = z.object({
  campaignId: z.string(),
  qualified: z.number(),
  /** Friends recorded but not qualified yet (they still have to add an adviser and stay 7 days). */
  pending: z.number(),
  tiers: z.array(z.object({ threshold: z.number(), stockId: z.string(), stockName: z.string(), granted: z.boolean() })),
  /** Friends still needed for the next tier ("还差 1 位好友"); null when every tier is reached or there is no ladder. */
  toNextTier: z.number().nullable(),
  live: z.boolean(),
});
export type FissionProgress = z.infer<typeof FissionProgress>;
