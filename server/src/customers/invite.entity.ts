import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { epochMs } from "../db/columns";

/**
 * A customer's own temporary contact way. Its State (the invite code) comes back in the
 * add_external_contact event, which is how a mini-program user is joined to their WeCom contact
 * when the platform gives no unionid.
 */
@Entity({ name: "customer_invites" })
@Index("idx_customer_invites_customer", ["customerId", "channelId"])
export class CustomerInvite {
  /** ≤ 30 chars: it is the contact way's `state`. */
  @PrimaryColumn({ type: "varchar", length: 30 })
  code: string;

  @Column({ name: "customer_id", type: "varchar", length: 36 })
  customerId: string;

  @Column({ name: "channel_id", type: "varchar", length: 36 })
  channelId: string;

  @Column({ name: "staff_user_id", type: "varchar", length: 64 })
  staffUserId: string;

  @Column({ name: "config_id", type: "varchar", length: 64 })
  configId: string;

  @Column({ name: "qr_code", type: "varchar", length: 512 })
  qrCode: string;

  /** Real clock: when WeCom stops honouring the temporary way. */
  @Column({ name: "expires_at", type: "bigint", transformer: epochMs })
  expiresAt: Date;

  @Column({ name: "created_at", type: "bigint", transformer: epochMs })
  createdAt: Date;

  /** The WeCom contact that first added through this invite: the only one joined to the customer. */
  @Column({ name: "used_by", type: "varchar", length: 64, nullable: true })
  usedBy: string | null;
}

/** Invite codes start with this, so the capture handler tells them from channel states. */
export const INVITE_PREFIX = "iv";
