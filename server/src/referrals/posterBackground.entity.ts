import { Column, Entity, PrimaryColumn } from "typeorm";
import { epochMs } from "../db/columns";

/** The picture a campaign's referral posters are drawn on: one per campaign, replaced whole. */
@Entity({ name: "campaign_poster_background" })
export class PosterBackground {
  @PrimaryColumn({ name: "campaign_id", type: "varchar", length: 36 })
  campaignId: string;

  /** `image/png` or `image/jpeg`, as sniffed from the bytes. */
  @Column({ name: "content_type", type: "varchar", length: 16 })
  contentType: string;

  /** MEDIUMBLOB on MySQL (up to 16 MB; BLOB stops at 64 KB), BLOB on SQLite: see the migration. */
  @Column({ type: "blob" })
  image: Buffer;

  @Column({ name: "updated_at", type: "bigint", transformer: epochMs })
  updatedAt: Date;
}
