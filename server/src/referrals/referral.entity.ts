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

/** `pending` until the invitee qualifies (adds staff and stays N days); `revoked` when they leave first. */
export type ReferralState = "pending" | "qualified" | "revoked";

/** An invitee brought into a campaign by a referrer: one per campaign and invitee, first touch wins. */
@Entity({ name: "referral" })
@Index("uq_referral_invitee", ["campaignId", "inviteeId"], { unique: true })
@Index("idx_referral_referrer", ["campaignId", "referrerKind", "referrerId"])
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

  /** When the invitee first added one of our staff after the referral (business time). */
  @Column({ name: "added_at", type: "bigint", nullable: true, transformer: epochMs })
  addedAt: Date | null;

  /** When it qualified or was revoked (business time). */
  @Column({ name: "settled_at", type: "bigint", nullable: true, transformer: epochMs })
  settledAt: Date | null;
}

/** The key both leaderboard tables start with: a campaign's board in one period. */
abstract class BoardPeriod {
  @PrimaryColumn({ name: "campaign_id", type: "varchar", length: 36 })
  campaignId: string;

  @PrimaryColumn({ type: "varchar", length: 16 })
  board: ReferrerKind;

  /** `all`, `d:2026-11-26`, `w:2026-W48` or `m:2026-11`. */
  @PrimaryColumn({ type: "varchar", length: 16 })
  period: string;
}

/**
 * A leaderboard entry: a member's qualified referrals in one campaign, board and period
 * (`all`, `d:2026-11-26`, `w:2026-W48`, `m:2026-11`), kept in the transaction that changes them.
 */
@Entity({ name: "referral_score" })
@Index("idx_referral_score_top", ["campaignId", "board", "period", "score", "memberId"])
@Index("idx_referral_score_department", ["campaignId", "board", "period", "departmentId", "score", "memberId"])
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
 * without counting the rows above.
 */
@Entity({ name: "referral_score_histogram" })
export class ScoreHistogram extends BoardPeriod {
  @PrimaryColumn({ name: "department_id", type: "int" })
  departmentId: number;

  @PrimaryColumn({ type: "int" })
  score: number;

  @Column({ type: "int" })
  members: number;
}
