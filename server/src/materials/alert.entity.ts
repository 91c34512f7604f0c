import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { bigintNumber, epochMs } from "../db/columns";

/**
 * The last alert a staff member got about one customer opening one material: at most one an hour.
 * The batch that records the view inserts it (or skips: the key is taken) and moves `alertedAt`
 * only when the hour has passed; the alert whose id it then carries is the one that goes out.
 */
@Entity({ name: "material_alert_throttle" })
export class MaterialAlertThrottle {
  @PrimaryColumn({ name: "staff_user_id", type: "varchar", length: 64 })
  staffUserId: string;

  @PrimaryColumn({ name: "customer_id", type: "varchar", length: 36 })
  customerId: string;

  @PrimaryColumn({ name: "material_id", type: "varchar", length: 36 })
  materialId: string;

  /** Business time of the last alert. */
  @Column({ name: "alerted_at", type: "bigint", transformer: epochMs })
  alertedAt: Date;

  @Column({ name: "alert_id", type: "varchar", length: 36 })
  alertId: string;
}

/** `pending`: waiting for the member's minute budget; `sending`: in a message (its own or a digest); `sent`. */
export type AlertState = "pending" | "sending" | "sent";

/** "王女士 打开了《…》": one alert to the staff member who shared, with what it says fixed when it was made. */
@Entity({ name: "material_alert" })
@Index("idx_material_alert_staff", ["staffUserId", "state"])
@Index("idx_material_alert_message", ["messageId"])
export class MaterialAlert {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ name: "staff_user_id", type: "varchar", length: 64 })
  staffUserId: string;

  @Column({ name: "customer_id", type: "varchar", length: 36 })
  customerId: string;

  @Column({ name: "material_id", type: "varchar", length: 36 })
  materialId: string;

  @Column({ type: "varchar", length: 16 })
  token: string;

  @Column({ type: "varchar", length: 64 })
  title: string;

  /** The customer's opens of the material (this staff member's shares) when the alert was made. */
  @Column({ type: "int" })
  opens: number;

  @Column({ name: "dwell_ms", type: "bigint", transformer: bigintNumber })
  dwellMs: number;

  @Column({ type: "varchar", length: 8 })
  state: AlertState;

  /** The message it went out in: its own id, or the digest's (the outbox job's id). */
  @Column({ name: "message_id", type: "varchar", length: 36, nullable: true })
  messageId: string | null;

  /** Business time of the view. */
  @Column({ type: "bigint", transformer: epochMs })
  at: Date;

  /** Real time it went out. */
  @Column({ name: "sent_at", type: "bigint", nullable: true, transformer: epochMs })
  sentAt: Date | null;
}

/**
 * One of a staff member's app-message slots for our alerts: a slot is free again a minute after it
 * was used (WeCom's window is a sliding minute, by the real clock). Taking one is a conditional
 * update, so instances sharing the database never go over the budget together.
 */
@Entity({ name: "material_alert_slot" })
export class MaterialAlertSlot {
  @PrimaryColumn({ name: "staff_user_id", type: "varchar", length: 64 })
  staffUserId: string;

  @PrimaryColumn({ type: "int" })
  slot: number;

  /** Real time, epoch ms (0: never used). */
  @Column({ name: "used_at", type: "bigint", transformer: bigintNumber })
  usedAt: number;

  @Column({ type: "varchar", length: 36 })
  holder: string;
}
