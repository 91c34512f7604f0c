import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import type { CallToAction, MaterialContent, MaterialKind } from "@scrm/shared";
import { epochMs, jsonText } from "../db/columns";

/** A material in the library: what staff share. Its content lives in versions; an edit adds one. */
@Entity({ name: "material" })
@Index("idx_material_library", ["enabled", "category", "updatedAt"])
@Index("idx_material_campaign", ["campaignId"])
export class Material {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 16 })
  kind: MaterialKind;

  /** The version staff share now (the highest). */
  @Column({ name: "current_version", type: "int" })
  currentVersion: number;

  @Column({ name: "current_version_id", type: "varchar", length: 36 })
  currentVersionId: string;

  /** The current version's title, kept here for the library's search. */
  @Column({ type: "varchar", length: 64 })
  title: string;

  @Column({ type: "varchar", length: 32 })
  category: string;

  @Column({ type: "text", transformer: jsonText<string[]>() })
  tags: string[];

  @Column({ name: "campaign_id", type: "varchar", length: 36, nullable: true })
  campaignId: string | null;

  /** Off: staff no longer see it; shares already made keep working. */
  @Column({ type: "boolean" })
  enabled: boolean;

  @Column({ name: "created_by", type: "varchar", length: 64 })
  createdBy: string;

  @Column({ name: "created_at", type: "bigint", transformer: epochMs })
  createdAt: Date;

  @Column({ name: "updated_at", type: "bigint", transformer: epochMs })
  updatedAt: Date;
}

/** One version of a material, never changed: a share shows the version it was made from. */
@Entity({ name: "material_version" })
@Index("uq_material_version", ["materialId", "version"], { unique: true })
export class MaterialVersion {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ name: "material_id", type: "varchar", length: 36 })
  materialId: string;

  @Column({ type: "int" })
  version: number;

  @Column({ type: "varchar", length: 64 })
  title: string;

  @Column({ type: "varchar", length: 200 })
  summary: string;

  @Column({ name: "cover_asset_id", type: "varchar", length: 36, nullable: true })
  coverAssetId: string | null;

  @Column({ type: "text", transformer: jsonText<MaterialContent>() })
  content: MaterialContent;

  @Column({ type: "text", transformer: jsonText<string[]>() })
  scripts: string[];

  @Column({ name: "call_to_action", type: "text", nullable: true, transformer: jsonText<CallToAction | null>() })
  callToAction: CallToAction | null;

  @Column({ name: "created_by", type: "varchar", length: 64 })
  createdBy: string;

  @Column({ name: "created_at", type: "bigint", transformer: epochMs })
  createdAt: Date;
}

/** An uploaded image or PDF a material shows; immutable, addressed by id. */
@Entity({ name: "material_asset" })
export class MaterialAsset {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  /** `image/png`, `image/jpeg` or `application/pdf`, as sniffed from the bytes. */
  @Column({ name: "content_type", type: "varchar", length: 32 })
  contentType: string;

  @Column({ type: "int" })
  size: number;

  @Column({ type: "varchar", length: 64 })
  sha256: string;

  /** MEDIUMBLOB on MySQL (up to 16 MB), BLOB on SQLite: see the migration. */
  @Column({ type: "blob" })
  data: Buffer;

  @Column({ name: "created_by", type: "varchar", length: 64 })
  createdBy: string;

  @Column({ name: "created_at", type: "bigint", transformer: epochMs })
  createdAt: Date;
}
