import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { epochMs } from "../../db/columns";

/**
 * `available`: unspent. `sending`: taken by one send (a conditional update, so never by two); a
 * crash during the call leaves it here, spent, since nobody knows whether the message went.
 * `spent`: the message went, the platform refused it (43101), or its call timed out.
 */
export type GrantState = "available" | "sending" | "spent";

/** One template the customer accepted in `wx.requestSubscribeMessage`: worth one subscribe message. */
@Entity({ name: "miniapp_subscription_grants" })
@Index("idx_miniapp_subscription_grants_open", ["customerId", "templateKey", "state"])
export class SubscriptionGrant {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ name: "customer_id", type: "varchar", length: 36 })
  customerId: string;

  @Column({ name: "template_key", type: "varchar", length: 32 })
  templateKey: string;

  /** The template the customer accepted: sends use it even if the config names another one later. */
  @Column({ name: "template_id", type: "varchar", length: 64 })
  templateId: string;

  @Column({ type: "varchar", length: 12 })
  state: GrantState;

  /** Business time. */
  @Column({ name: "granted_at", type: "bigint", transformer: epochMs })
  grantedAt: Date;

  /** Real time the last send took it. */
  @Column({ name: "taken_at", type: "bigint", nullable: true, transformer: epochMs })
  takenAt: Date | null;
}

/** `unknown`: the call timed out, so the message may or may not have gone; the grant stays spent. */
export type RecordedOutcome = "sent" | "refused" | "failed" | "unknown";

/** One call to `subscribe/send` and what came of it, for audit. A failed call gave its grant back. */
@Entity({ name: "miniapp_subscribe_sends" })
@Index("idx_miniapp_subscribe_sends_customer", ["customerId", "at"])
export class SubscribeSend {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index("idx_miniapp_subscribe_sends_grant")
  @Column({ name: "grant_id", type: "varchar", length: 36 })
  grantId: string;

  @Column({ name: "customer_id", type: "varchar", length: 36 })
  customerId: string;

  @Column({ name: "template_key", type: "varchar", length: 32 })
  templateKey: string;

  @Column({ type: "varchar", length: 512, nullable: true })
  page: string | null;

  @Column({ type: "varchar", length: 8 })
  outcome: RecordedOutcome;

  /** The platform's errcode of a refusal or failure; none for a transport failure. */
  @Column({ type: "int", nullable: true })
  errcode: number | null;

  /** The platform's errmsg, or what failed below it (`timeout`, `network`, `http_status 502`). */
  @Column({ type: "varchar", length: 255, nullable: true })
  errmsg: string | null;

  /** Business time. */
  @Column({ type: "bigint", transformer: epochMs })
  at: Date;
}
