import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import type { FollowupStep, FollowupTrigger, TriggerKind } from "@scrm/shared";
import { epochMs, jsonText } from "../db/columns";

/** A follow-up plan: a trigger and ordered steps. Each edit bumps the version. */
@Entity({ name: "followup_plan" })
export class FollowupPlan {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  /** The default plan it was seeded as; null for plans managers made. */
  @Index("uq_followup_plan_key", { unique: true })
  @Column({ name: "plan_key", type: "varchar", length: 32, nullable: true })
  key: string | null;

  @Column({ type: "varchar", length: 64 })
  name: string;

  @Index("idx_followup_plan_trigger")
  @Column({ name: "trigger_kind", type: "varchar", length: 24 })
  triggerKind: TriggerKind;

  @Column({ name: "trigger_def", type: "text", transformer: jsonText<FollowupTrigger>() })
  trigger: FollowupTrigger;

  @Column({ type: "text", transformer: jsonText<FollowupStep[]>() })
  steps: FollowupStep[];

  @Column({ type: "boolean" })
  enabled: boolean;

  @Column({ type: "int" })
  version: number;

  @Column({ name: "created_at", type: "bigint", transformer: epochMs })
  createdAt: Date;

  @Column({ name: "updated_at", type: "bigint", transformer: epochMs })
  updatedAt: Date;
}

/** A customer who asked for no more follow-up messages. */
@Entity({ name: "followup_opt_out" })
export class FollowupOptOut {
  @PrimaryColumn({ name: "customer_id", type: "varchar", length: 36 })
  customerId: string;

  @Column({ type: "bigint", transformer: epochMs })
  at: Date;
}

/**
 * When a staff member first reached a customer through our app (a message they confirmed, or
 * "mark contacted"): WeCom does not tell us when a staff member replies.
 */
@Entity({ name: "lead_contact" })
export class LeadContact {
  @PrimaryColumn({ name: "customer_id", type: "varchar", length: 36 })
  customerId: string;

  @PrimaryColumn({ name: "staff_user_id", type: "varchar", length: 64 })
  staffUserId: string;

  @Column({ name: "first_at", type: "bigint", transformer: epochMs })
  firstAt: Date;

  /** `marked` or `message`. */
  @Column({ type: "varchar", length: 16 })
  via: string;
}
