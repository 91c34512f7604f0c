import { Column, Entity, PrimaryColumn } from "typeorm";
import { epochMs } from "../db/columns";

/**
 * A verified, decrypted WeChat Pay notification, stored before we answer 200. Its id is WeChat
 * Pay's notification id, so a redelivery stores nothing new. Handled from the outbox.
 */
@Entity({ name: "pay_notification" })
export class PayNotificationRow {
  @PrimaryColumn({ type: "varchar", length: 64 })
  id: string;

  @Column({ name: "event_type", type: "varchar", length: 64 })
  eventType: string;

  /** WeChat Pay's create_time, as sent (RFC 3339). */
  @Column({ name: "create_time", type: "varchar", length: 40 })
  createTime: string;

  /** The decrypted resource, JSON text. */
  @Column({ type: "text" })
  resource: string;

  /** What handling concluded (`redeemed`, `unknown_coupon`, `recorded`, `ignored`…), for managers. */
  @Column({ type: "varchar", length: 32, nullable: true })
  outcome: string | null;

  @Column({ name: "received_at", type: "bigint", transformer: epochMs })
  receivedAt: Date;

  @Column({ name: "handled_at", type: "bigint", nullable: true, transformer: epochMs })
  handledAt: Date | null;
}
