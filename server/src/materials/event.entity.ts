import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { bigintNumber, epochMs } from "../db/columns";

export type MaterialEventKind = "view" | "heartbeat" | "share_intent" | "cta";

/** Why a viewer is not counted as a real person: a staff member's own view, or a bot. */
export type ViewerExclusion = "staff" | "bot";

/** Every event a viewer sends, as acknowledged (the raw record statistics and scores are built from). */
@Entity({ name: "material_event" })
@Index("idx_material_event_material", ["materialId", "at"])
@Index("idx_material_event_token", ["token", "kind"])
@Index("idx_material_event_kind", ["materialId", "kind", "token"])
export class MaterialEvent {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 16 })
  token: string;

  @Column({ name: "material_id", type: "varchar", length: 36 })
  materialId: string;

  @Column({ name: "staff_user_id", type: "varchar", length: 64 })
  staffUserId: string;

  @Column({ type: "varchar", length: 16 })
  kind: MaterialEventKind;

  /** `c:<customer id>` for a logged-in viewer, `d:<device id>` before they log in, `s:<userid>` for staff (excluded). */
  @Column({ name: "viewer_key", type: "varchar", length: 72 })
  viewerKey: string;

  @Column({ name: "customer_id", type: "varchar", length: 36, nullable: true })
  customerId: string | null;

  @Column({ name: "device_id", type: "varchar", length: 64 })
  deviceId: string;

  /** heartbeat: visible time since the previous one; cta: 0. */
  @Column({ name: "dwell_ms", type: "int" })
  dwellMs: number;

  /** cta: which call to action; share_intent: the child token made. */
  @Column({ type: "varchar", length: 32, nullable: true })
  detail: string | null;

  @Column({ type: "varchar", length: 8, nullable: true })
  excluded: ViewerExclusion | null;

  /** Business time. */
  @Column({ type: "bigint", transformer: epochMs })
  at: Date;
}

/**
 * One viewer of one share: opens, reading time and when. Unique viewers of a material are its
 * distinct viewer keys not excluded; repeated opens add to `opens`.
 */
@Entity({ name: "material_viewer" })
@Index("idx_material_viewer_material", ["materialId", "viewerKey"])
@Index("idx_material_viewer_customer", ["customerId"])
export class MaterialViewer {
  @PrimaryColumn({ type: "varchar", length: 16 })
  token: string;

  @PrimaryColumn({ name: "viewer_key", type: "varchar", length: 72 })
  viewerKey: string;

  @Column({ name: "material_id", type: "varchar", length: 36 })
  materialId: string;

  @Column({ name: "staff_user_id", type: "varchar", length: 64 })
  staffUserId: string;

  @Column({ name: "customer_id", type: "varchar", length: 36, nullable: true })
  customerId: string | null;

  @Column({ type: "int" })
  opens: number;

  @Column({ name: "dwell_ms", type: "bigint", transformer: bigintNumber })
  dwellMs: number;

  @Column({ type: "varchar", length: 8, nullable: true })
  excluded: ViewerExclusion | null;

  @Column({ name: "first_at", type: "bigint", transformer: epochMs })
  firstAt: Date;

  @Column({ name: "last_at", type: "bigint", transformer: epochMs })
  lastAt: Date;
}
