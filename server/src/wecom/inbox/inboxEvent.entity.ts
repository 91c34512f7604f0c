import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { bigintNumber, epochMs } from "../../db/columns";
import { LeasedRow } from "../../platform/leasedRow";

export type InboxState = "pending" | "done" | "dead";

/**
 * A WeCom callback event, stored before we answer `success`. Unique on its dedupe key, so a
 * redelivered or replayed event stores nothing new. Handlers run from here, under a job lease.
 */
@Entity({ name: "wecom_inbox" })
@Index("idx_wecom_inbox_due", ["state", "nextAttemptAt"])
export class InboxEventRow extends LeasedRow {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  /** sha256 of corp, Event, ChangeType, UserID, ExternalUserID and CreateTime. */
  @Index("uq_wecom_inbox_dedupe", { unique: true })
  @Column({ name: "dedupe_key", type: "varchar", length: 64 })
  dedupeKey: string;

  @Column({ name: "corp_id", type: "varchar", length: 64 })
  corpId: string;

  @Column({ type: "varchar", length: 64 })
  event: string;

  @Column({ name: "change_type", type: "varchar", length: 64 })
  changeType: string;

  @Column({ name: "user_id", type: "varchar", length: 64 })
  userId: string;

  @Column({ name: "external_user_id", type: "varchar", length: 64 })
  externalUserId: string;

  /** WeCom's CreateTime, seconds. */
  @Column({ name: "create_time", type: "bigint", transformer: bigintNumber })
  createTime: number;

  /** All fields of the decrypted XML, as JSON text. */
  @Column({ type: "text" })
  fields: string;

  @Column({ name: "msg_signature", type: "varchar", length: 64 })
  msgSignature: string;

  @Column({ name: "msg_timestamp", type: "varchar", length: 16 })
  msgTimestamp: string;

  @Column({ type: "varchar", length: 64 })
  nonce: string;

  @Column({ type: "varchar", length: 16 })
  state: InboxState;

  /** Real clock: when the worker may try (again). */
  @Column({ name: "next_attempt_at", type: "bigint", transformer: epochMs })
  nextAttemptAt: Date;

  @Column({ name: "received_at", type: "bigint", transformer: epochMs })
  receivedAt: Date;

  @Column({ name: "handled_at", type: "bigint", nullable: true, transformer: epochMs })
  handledAt: Date | null;
}
