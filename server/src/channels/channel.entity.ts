import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import type { ChannelKind, RoutingRule, WelcomeContent } from "@scrm/shared";
import { bigintNumber, epochMs, jsonText } from "../db/columns";


/**
 * A touchpoint (expo booth, store counter, flyer, ad …) with its own WeCom contact way, so every
 * customer who adds staff through it is attributed to it. Archived, never deleted.
 */
@Entity({ name: "channels" })
export class Channel {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index("idx_channels_campaign")
  @Column({ name: "campaign_id", type: "varchar", length: 36 })
  campaignId: string;

  @Column({ type: "varchar", length: 64 })
  name: string;

  @Column({ type: "varchar", length: 16 })
  kind: ChannelKind;

  /** The contact way's `state` (≤ 30 chars): how an add_external_contact event names this channel. */
  @Index("uq_channels_state", { unique: true })
  @Column({ type: "varchar", length: 30 })
  state: string;

  @Column({ name: "starts_at", type: "bigint", transformer: epochMs })
  startsAt: Date;

  @Column({ name: "ends_at", type: "bigint", transformer: epochMs })
  endsAt: Date;

  @Column({ name: "cost_fen", type: "bigint", transformer: bigintNumber })
  costFen: number;

  /** WeCom userids the rule may route to. */
  @Column({ name: "staff_pool", type: "text", transformer: jsonText<string[]>() })
  staffPool: string[];

  @Column({ type: "text", transformer: jsonText<RoutingRule>() })
  routing: RoutingRule;

  /** Corp tag ids applied to every customer who comes through this channel. */
  @Column({ type: "text", transformer: jsonText<string[]>() })
  tags: string[];

  @Column({ type: "text", transformer: jsonText<WelcomeContent>() })
  welcome: WelcomeContent;

  /** A temporary contact way (one-off events) that stops working after `endsAt`. */
  @Column({ type: "boolean" })
  temporary: boolean;

  @Column({ name: "config_id", type: "varchar", length: 64, nullable: true })
  configId: string | null;

  @Column({ name: "qr_code", type: "varchar", length: 512, nullable: true })
  qrCode: string | null;

  /** The user list the contact way has now: the staff the rule makes eligible at the last check. */
  @Column({ name: "contact_way_users", type: "text", transformer: jsonText<string[]>() })
  contactWayUsers: string[];

  @Column({ name: "archived_at", type: "bigint", nullable: true, transformer: epochMs })
  archivedAt: Date | null;

  @Column({ name: "created_at", type: "bigint", transformer: epochMs })
  createdAt: Date;
}
