import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import type { ShareChannel } from "@scrm/shared";
import { epochMs } from "../db/columns";

/** Who made a share: the staff member, or a viewer forwarding it (a customer, or a device not logged in). */
export type SharerKind = "staff" | "customer" | "device";

/**
 * A tracked share: one token per material version, staff member, channel and parent share. A
 * staff member's own share is the root; a viewer's forward is a child carrying the same staff
 * member (the one every view down the chain is attributed to).
 */
@Entity({ name: "material_share" })
@Index("idx_material_share_staff", ["staffUserId", "createdAt"])
@Index("idx_material_share_material", ["materialId", "staffUserId"])
@Index("idx_material_share_parent", ["parentToken"])
@Index("uq_material_share_origin", ["versionId", "staffUserId", "channel", "channelId", "parentToken", "sharerId"], { unique: true })
export class MaterialShare {
  /** ≤ 32 characters: a mini-program code's `scene` and a card path's query. */
  @PrimaryColumn({ type: "varchar", length: 16 })
  token: string;

  @Column({ name: "material_id", type: "varchar", length: 36 })
  materialId: string;

  @Column({ name: "version_id", type: "varchar", length: 36 })
  versionId: string;

  /** The staff member the share (and every forward of it) is attributed to. */
  @Column({ name: "staff_user_id", type: "varchar", length: 64 })
  staffUserId: string;

  @Column({ type: "varchar", length: 16 })
  channel: ShareChannel;

  /** The acquisition channel the share belongs to, when the staff member picked one ('' for none: part of a unique key). */
  @Column({ name: "channel_id", type: "varchar", length: 36 })
  channelId: string;

  @Column({ name: "sharer_kind", type: "varchar", length: 16 })
  sharerKind: SharerKind;

  /** The staff userid, customer id or device id that made it. */
  @Column({ name: "sharer_id", type: "varchar", length: 64 })
  sharerId: string;

  /** The share this one was forwarded from ('' for a staff member's own share: part of a unique key). */
  @Column({ name: "parent_token", type: "varchar", length: 16 })
  parentToken: string;

  /** 0 for the staff member's share, 1 for a forward of it, … */
  @Column({ type: "int" })
  depth: number;

  @Column({ name: "created_at", type: "bigint", transformer: epochMs })
  createdAt: Date;
}
