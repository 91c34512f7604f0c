import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import type { DeliveryChannel, TaskState } from "@scrm/shared";
import { epochMs } from "../db/columns";
import { LeasedRow } from "../platform/leasedRow";

/**
 * One step of a plan for one customer and one trigger occurrence. The unique key makes a trigger
 * seen twice schedule once. Claimed by any instance's tick under a job lease; a customer-facing
 * send is marked `sending` before the platform call and `sent` after, so a crash in between is
 * found (`unknown`) and reconciled, never resent blindly.
 */
@Entity({ name: "followup_task" })
@Index("uq_followup_task", ["planId", "step", "customerId", "occurrence"], { unique: true })
@Index("idx_followup_task_due", ["state", "dueAt"])
@Index("idx_followup_task_staff", ["staffUserId", "dueAt"])
@Index("idx_followup_task_plan", ["planId", "state"])
export class FollowupTask extends LeasedRow {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ name: "plan_id", type: "varchar", length: 36 })
  planId: string;

  @Column({ name: "plan_version", type: "int" })
  planVersion: number;

  /** Index of the step in the plan's version. */
  @Column({ type: "int" })
  step: number;

  @Column({ type: "varchar", length: 20 })
  channel: DeliveryChannel;

  @Index("idx_followup_task_customer")
  @Column({ name: "customer_id", type: "varchar", length: 36 })
  customerId: string;

  /** The staff member it is for (or who sends it); null: the customer's current staff member at delivery. */
  @Column({ name: "staff_user_id", type: "varchar", length: 64, nullable: true })
  staffUserId: string | null;

  /** Which occurrence of the trigger: `claim:<id>`, `add:<follow id>:<time>`… */
  @Column({ type: "varchar", length: 100 })
  occurrence: string;

  /** Business time of the trigger. */
  @Column({ name: "trigger_at", type: "bigint", transformer: epochMs })
  triggerAt: Date;

  /** Business time it is due (moved on by quiet hours, caps and retries). */
  @Column({ name: "due_at", type: "bigint", transformer: epochMs })
  dueAt: Date;

  @Column({ type: "varchar", length: 12 })
  state: TaskState;

  /** The coupon the trigger was about, for {coupon} and the `redeemed` stop. */
  @Column({ name: "claim_id", type: "varchar", length: 36, nullable: true })
  claimId: string | null;

  /** What was (or is being) sent, rendered when it was first sent: reconciliation matches on it. */
  @Column({ type: "text", nullable: true })
  text: string | null;

  /** What the platform answered (msgid), or the granted coupon. */
  @Column({ type: "varchar", length: 128, nullable: true })
  result: string | null;

  /** Why it stopped, waited or failed. */
  @Column({ type: "varchar", length: 255, nullable: true })
  reason: string | null;

  /** Real clock: when the platform call started (reconciliation searches from there). */
  @Column({ name: "sending_at", type: "bigint", nullable: true, transformer: epochMs })
  sendingAt: Date | null;

  @Column({ name: "sent_at", type: "bigint", nullable: true, transformer: epochMs })
  sentAt: Date | null;

  @Column({ name: "created_at", type: "bigint", transformer: epochMs })
  createdAt: Date;
}
