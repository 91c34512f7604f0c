import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { epochMs } from "../db/columns";

/** One thing that happened to a customer: added, deleted, logged in, claimed, viewed, … */
@Entity({ name: "customer_timeline" })
@Index("idx_customer_timeline_customer", ["customerId", "at"])
export class TimelineEntry {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ name: "customer_id", type: "varchar", length: 36 })
  customerId: string;

  @Column({ type: "varchar", length: 32 })
  kind: string;

  /** Business time. */
  @Column({ type: "bigint", transformer: epochMs })
  at: Date;

  /** Details as JSON (staff, channel, reason, …). */
  @Column({ type: "text" })
  data: string;

  /** The Attribution JSON, when the event came through a tracked link or code. */
  @Column({ type: "text", nullable: true })
  attribution: string | null;
}
