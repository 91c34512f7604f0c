import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { epochMs } from "../db/columns";

/** Who refers: a staff member (WeCom userid) or a customer (our customer id). */
export type ReferrerKind = "staff" | "customer";

/** A referrer's code in a campaign: short enough to be a mini-program `scene`. */
@Entity({ name: "referral_code" })
@Index("uq_referral_code_referrer", ["campaignId", "referrerKind", "referrerId"], { unique: true })
export class ReferralCode {
  @PrimaryColumn({ type: "varchar", length: 16 })
  code: string;

  @Column({ name: "campaign_id", type: "varchar", length: 36 })
  campaignId: string;

  @Column({ name: "referrer_kind", type: "varchar", length: 16 })
  referrerKind: ReferrerKind;

  @Column({ name: "referrer_id", type: "varchar", length: 64 })
  referrerId: string;

  @Column({ name: "created_at", type: "bigint", transformer: epochMs })
  createdAt: Date;
}

/**
 * `pending` until the invitee qualifies (adds staff and stays the campaign's days); `revoked` when
 * they leave first; `voided` by a manager reviewing it.
 */
export type ReferralState = "pending" | "qualified" | "revoked" | "voided";

/** An invitee brought into a campaign by a referrer: one per campaign and invitee, first touch wins. */
@Entity({ name: "referral" })
@Index("uq_referral_invitee", ["campaignId", "inviteeId"], { unique: true })
@Index("idx_referral_referrer", ["campaignId", "referrerKind", "referrerId", "recordedAt"])
@Index("idx_referral_ip", ["campaignId", "ip", "recordedAt"])
@Index("idx_referral_device", ["campaignId", "device", "recordedAt"])
@Index("idx_referral_flagged", ["campaignId", "flags"])
@Index("idx_referral_due", ["state", "qualifyAt"])
export class Referral {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ name: "campaign_id", type: "varchar", length: 36 })
  campaignId: string;

  @Column({ type: "varchar", length: 16 })
  code: string;

  @Column({ name: "referrer_kind", type: "varchar", length: 16 })
  referrerKind: ReferrerKind;

  @Column({ name: "referrer_id", type: "varchar", length: 64 })
  referrerId: string;

  @Column({ name: "invitee_id", type: "varchar", length: 36 })
  inviteeId: string;

  /** The referral that brought the referrer (a customer) into this campaign; null at the chain's start. */
  @Column({ name: "parent_id", type: "varchar", length: 36, nullable: true })
  parentId: string | null;

  /** 1 for someone a staff member or a first-generation customer invited, 2 for their invitees, … */
  @Column({ type: "int" })
  depth: number;

  @Column({ type: "varchar", length: 16 })
  state: ReferralState;

  /** Business time. */
  @Column({ name: "recorded_at", type: "bigint", transformer: epochMs })
  recordedAt: Date;

  /** When the invitee added one of our staff after the referral (business time); moved to a re-add when they left and came back before qualifying. */
  @Column({ name: "added_at", type: "bigint", nullable: true, transformer: epochMs })
  addedAt: Date | null;

  /** When it qualifies if the invitee keeps following: addedAt plus the campaign's days, later if they re-added. */
  @Column({ name: "qualify_at", type: "bigint", nullable: true, transformer: epochMs })
  qualifyAt: Date | null;

  /** When it qualified, was revoked or voided (business time). */
  @Column({ name: "settled_at", type: "bigint", nullable: true, transformer: epochMs })
  settledAt: Date | null;

  /** Where the invitee opened the code from: the client address and the mini-program's device id. */
  @Column({ type: "varchar", length: 45, nullable: true })
  ip: string | null;

  @Column({ type: "varchar", length: 64, nullable: true })
  device: string | null;

  /** Why it looks suspicious (comma-separated ReferralFlag), null when it does not: flagged ones wait for a manager. */
  @Column({ type: "varchar", length: 64, nullable: true })
  flags: string | null;
}

/**
 * What a leaderboard counts: `qualified` invitees, `new` customers brought in (recorded, not
 * revoked or voided), and `revoked` ones (invitees who left before qualifying: the referrer's quality).
 */
export type ScoreMetric = "qualified" | "new" | "revoked";

/** The key both leaderboard tables start with: a campaign's board in one period. */
abstract class BoardPeriod {
  @PrimaryColumn({ name: "campaign_id", type: "varchar", length: 36 })
  campaignId: string;

  @PrimaryColumn({ type: "varchar", length: 16 })
  board: ReferrerKind;

  @PrimaryColumn({ type: "varchar", length: 16 })
  metric: ScoreMetric;

  /** `all`, `d:2026-11-26`, `w:2026-W48` or `m:2026-11`. */
  @PrimaryColumn({ type: "varchar", length: 16 })
  period: string;
}

/**
 * A leaderboard entry: a member's count of one metric in one campaign, board and period
 * (`all`, `d:2026-11-26`, `w:2026-W48`, `m:2026-11`), kept in the transaction that changes it.
 * Read top-down through idx_referral_score_top and idx_referral_score_department (score
 * descending: made in the migration, as TypeORM cannot say so).
 */
@Entity({ name: "referral_score" })
export class ReferralScore extends BoardPeriod {
  @PrimaryColumn({ name: "member_id", type: "varchar", length: 64 })
  memberId: string;

  /** A staff member's main department when the score began (0: none, and for customers). */
  @Column({ name: "department_id", type: "int" })
  departmentId: number;

  @Column({ type: "int" })
  score: number;
}

/**
 * How many members of a board, period and department (-1: all) hold each positive score: my rank
 * without counting the rows above. A bucket is spread over HISTOGRAM_SHARDS rows (summed on read),
 * so concurrent score changes rarely wait on the same row.
 */
@Entity({ name: "referral_score_histogram" })
export class ScoreHistogram extends BoardPeriod {
  @PrimaryColumn({ name: "department_id", type: "int" })
  departmentId: number;

  @PrimaryColumn({ type: "int" })
  score: number;

  @PrimaryColumn({ type: "int" })
  shard: number;

  @Column({ type: "int" })
  members: number;
}

/** A campaign's qualification window and anti-fraud limits (defaults when it has none: ReferralPolicyInput's). */
@Entity({ name: "referral_policy" })
export class ReferralPolicy {
  @PrimaryColumn({ name: "campaign_id", type: "varchar", length: 36 })
  campaignId: string;

  @Column({ name: "qualify_days", type: "int" })
  qualifyDays: number;

  @Column({ name: "inviter_hourly_limit", type: "int" })
  inviterHourlyLimit: number;

  @Column({ name: "burst_limit", type: "int" })
  burstLimit: number;

  @Column({ name: "invite_cap", type: "int", nullable: true })
  inviteCap: number | null;

  @Column({ name: "updated_at", type: "bigint", transformer: epochMs })
  updatedAt: Date;
}

export type ReferralAuditAction = "flagged" | "voided" | "cleared";

/** The review trail of a referral: flagged by a rule, voided or cleared by a manager, with the reason. */
@Entity({ name: "referral_audit" })
@Index("idx_referral_audit_referral", ["referralId", "at"])
export class ReferralAuditRow {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ name: "referral_id", type: "varchar", length: 36 })
  referralId: string;

  @Column({ name: "campaign_id", type: "varchar", length: 36 })
  campaignId: string;

  @Column({ type: "varchar", length: 16 })
  action: ReferralAuditAction;

  /** A manager's userid, or `system` for a rule. */
  @Column({ type: "varchar", length: 64 })
  actor: string;

  @Column({ type: "varchar", length: 200 })
  reason: string;

  @Column({ type: "bigint", transformer: epochMs })
  at: Date;
}
