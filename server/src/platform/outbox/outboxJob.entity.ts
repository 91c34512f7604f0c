import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { epochMs } from "../../db/columns";
import { LeasedRow } from "../leasedRow";

export type OutboxState = "pending" | "done" | "dead";

/**
 * Work a transaction promised to do after it commits (send a WeChat Pay coupon, alert managers,
 * handle a stored notification). Written in the same transaction as the fact that needs it, so it
 * is never lost; run under a job lease, so it is never run by two instances at once.
 */
@Entity({ name: "outbox_job" })
@Index("idx_outbox_job_due", ["state", "dueAt"])
export class OutboxJob extends LeasedRow {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 64 })
  topic: string;

  /** JSON text. */
  @Column({ type: "text" })
  payload: string;

  @Column({ type: "varchar", length: 16 })
  state: OutboxState;

  /** Real clock: when the worker may run it (again). */
  @Column({ name: "due_at", type: "bigint", transformer: epochMs })
  dueAt: Date;

  @Column({ name: "created_at", type: "bigint", transformer: epochMs })
  createdAt: Date;

  @Column({ name: "done_at", type: "bigint", nullable: true, transformer: epochMs })
  doneAt: Date | null;
}
