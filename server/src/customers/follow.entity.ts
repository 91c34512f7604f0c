import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { bigintNumber, epochMs, jsonText } from "../db/columns";

/**
 * `active`: friends; `pending`: added but the staff member has not accepted (add_half);
 * `lost`: the customer deleted the staff member; `removed`: the staff member deleted the customer.
 */
export type FollowStatus = "active" | "pending" | "lost" | "removed";
export type WelcomeStatus = "none" | "sent" | "refused";

/** A customer's relation with one staff member in WeCom, and where it came from. */
@Entity({ name: "customer_follows" })
@Index("uq_customer_follows", ["staffUserId", "externalUserId"], { unique: true })
@Index("idx_customer_follows_channel", ["channelId", "addedAt"])
@Index("idx_customer_follows_staff", ["staffUserId", "status"])
export class CustomerFollow {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index("idx_customer_follows_customer")
  @Column({ name: "customer_id", type: "varchar", length: 36 })
  customerId: string;

  @Column({ name: "staff_user_id", type: "varchar", length: 64 })
  staffUserId: string;

  @Column({ name: "external_user_id", type: "varchar", length: 64 })
  externalUserId: string;

  @Column({ name: "channel_id", type: "varchar", length: 36, nullable: true })
  channelId: string | null;

  /** The contact way's State the customer came through. */
  @Column({ type: "varchar", length: 30, nullable: true })
  state: string | null;

  @Column({ type: "varchar", length: 16 })
  status: FollowStatus;

  /** Whether this add brought a customer we did not know before (what a channel counts as new). */
  @Column({ name: "counted_new", type: "boolean" })
  countedNew: boolean;

  /** Business time of the (latest) add. */
  @Column({ name: "added_at", type: "bigint", transformer: epochMs })
  addedAt: Date;

  @Column({ name: "ended_at", type: "bigint", nullable: true, transformer: epochMs })
  endedAt: Date | null;

  /** WeCom's CreateTime (seconds) of the last change applied: older events are ignored. */
  @Column({ name: "last_event_time", type: "bigint", transformer: bigintNumber })
  lastEventTime: number;

  @Column({ name: "welcome_status", type: "varchar", length: 16 })
  welcomeStatus: WelcomeStatus;

  /** Why WeCom refused the welcome (e.g. `41051 externaluser has started chatting`). */
  @Column({ name: "welcome_error", type: "varchar", length: 255, nullable: true })
  welcomeError: string | null;

  @Column({ type: "varchar", length: 64, nullable: true })
  remark: string | null;

  /** Corp tag ids on this customer for this staff member, as we last set them in WeCom. */
  @Column({ type: "text", transformer: jsonText<string[]>() })
  tags: string[];
}
