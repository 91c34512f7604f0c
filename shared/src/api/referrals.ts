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
 * invitees'), `existing_customer` (already added one of our staff before), `rate_limited` (the
 * referrer brought more invitees in the last hour than the campaign allows), `cap_reached` (a
 * customer referrer already has as many invitees as the campaign allows).
 */
export const ReferralOutcome = z.enum(["recorded", "already_referred", "self_referral", "existing_customer", "rate_limited", "cap_reached"]);
export type ReferralOutcome = z.infer<typeof ReferralOutcome>;

export const OpenReferralResponse = z.object({ outcome: ReferralOutcome, campaignId: z.string(), depth: z.number().nullable() });
export type OpenReferralResponse = z.infer<typeof OpenReferralResponse>;

export const LeaderboardBoard = z.enum(["staff", "customer"]);
export const LeaderboardPeriod = z.enum(["all", "day", "week", "month"]);
/** `qualified`: invitees who added an adviser and stayed; `new`: new customers brought in through the member's codes and cards (not revoked). */
export const LeaderboardMetric = z.enum(["qualified", "new"]);

/** Query of `GET /api/campaigns/:id/leaderboard` and (without board, department, limit) of `…/my-rank`. */
export const LeaderboardQuery = z.object({
  board: LeaderboardBoard.default("staff"),
  period: LeaderboardPeriod.default("all"),
  metric: LeaderboardMetric.default("qualified"),
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

/** `PUT /api/campaigns/:id/referral-policy` (managers): how referrals qualify and the anti-fraud limits. */
export const ReferralPolicyInput = z.object({
  /** Days an invitee must keep following an adviser before the referral counts. */
  qualifyDays: z.number().int().min(1).max(90).default(7),
  /** Invitees one referrer may bring in an hour; more are answered `rate_limited`. */
  inviterHourlyLimit: z.number().int().min(1).max(10_000).default(30),
  /** Invitees recorded from one IP address or one device within 10 minutes before they are flagged as a burst. */
  burstLimit: z.number().int().min(2).max(1_000).default(5),
  /** Invitees one customer may bring into the campaign in all (null: no cap). */
  inviteCap: z.number().int().min(1).max(100_000).nullable().default(null),
});
export type ReferralPolicyInput = z.input<typeof ReferralPolicyInput>;
export const ReferralPolicyView = z.object({
  campaignId: z.string(),
  qualifyDays: z.number(),
  inviterHourlyLimit: z.number(),
  burstLimit: z.number(),
  inviteCap: z.number().nullable(),
});
export type ReferralPolicyView = z.infer<typeof ReferralPolicyView>;

/** Why a referral was flagged: many invitees from one IP address or one device in a short time. */
export const ReferralFlag = z.enum(["ip_burst", "device_burst"]);
export type ReferralFlag = z.infer<typeof ReferralFlag>;

/** A flagged referral: held from qualifying until a manager clears or voids it. */
export const SuspiciousReferral = z.object({
  id: z.string(),
  referrerKind: LeaderboardBoard,
  referrerId: z.string(),
  referrerName: z.string(),
  inviteeId: z.string(),
  inviteeName: z.string(),
  state: z.enum(["pending", "qualified", "revoked", "voided"]),
  flags: z.array(ReferralFlag),
  ip: z.string().nullable(),
  device: z.string().nullable(),
  recordedAt: z.iso.datetime(),
});
export type SuspiciousReferral = z.infer<typeof SuspiciousReferral>;

/** A referrer whose invitees often leave before qualifying (counted against their quality). */
export const LowQualityInviter = z.object({
  referrerKind: LeaderboardBoard,
  referrerId: z.string(),
  name: z.string(),
  qualified: z.number(),
  revoked: z.number(),
});
export type LowQualityInviter = z.infer<typeof LowQualityInviter>;

/** `GET /api/campaigns/:id/suspicious` (managers). */
export const SuspiciousList = z.object({ referrals: z.array(SuspiciousReferral), inviters: z.array(LowQualityInviter) });
export type SuspiciousList = z.infer<typeof SuspiciousList>;

/** `POST /api/referrals/:id/void` and `…/clear` (managers): the reason is kept in the audit trail. */
export const ReviewReferralRequest = z.object({ reason: z.string().trim().min(2).max(200) });
export type ReviewReferralRequest = z.infer<typeof ReviewReferralRequest>;

export const ReferralAuditEntry = z.object({
  action: z.enum(["flagged", "voided", "cleared"]),
  actor: z.string(),
  reason: z.string(),
  at: z.iso.datetime(),
});
/** `GET /api/referrals/:id/audit` (managers): what happened to a referral, oldest first. */
export const ReferralAudit = z.object({ referralId: z.string(), entries: z.array(ReferralAuditEntry) });
export type ReferralAudit = z.infer<typeof ReferralAudit>;
