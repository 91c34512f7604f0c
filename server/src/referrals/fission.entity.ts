import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import type { RewardTier } from "@scrm/shared";
import { epochMs, jsonText } from "../db/columns";

/** A campaign's reward ladder for customers who invite friends. */
@Entity({ name: "fission_campaign" })
export class FissionCampaign {
  @PrimaryColumn({ name: "campaign_id", type: "varchar", length: 36 })
  campaignId: string;

  @Column({ type: "text", transformer: jsonText<RewardTier[]>() })
  tiers: RewardTier[];

  /** Business time: rewards are granted while the ladder runs. */
  @Column({ name: "starts_at", type: "bigint", transformer: epochMs })
  startsAt: Date;

  @Column({ name: "ends_at", type: "bigint", transformer: epochMs })
  endsAt: Date;
}

/** A tier a customer reached: granted once (unique), with the coupon claim it made. */
@Entity({ name: "fission_reward" })
@Index("uq_fission_reward", ["campaignId", "customerId", "threshold"], { unique: true })
export class FissionReward {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ name: "campaign_id", type: "varchar", length: 36 })
  campaignId: string;

  @Column({ name: "customer_id", type: "varchar", length: 36 })
  customerId: string;

  @Column({ type: "int" })
  threshold: number;

  @Column({ name: "stock_id", type: "varchar", length: 36 })
  stockId: string;

  /** The coupon claim, or null when the coupon could not be granted (`failure` says why). */
  @Column({ name: "claim_id", type: "varchar", length: 36, nullable: true })
  claimId: string | null;

  @Column({ type: "varchar", length: 64, nullable: true })
  failure: string | null;

  @Column({ name: "granted_at", type: "bigint", transformer: epochMs })
  grantedAt: Date;
}
