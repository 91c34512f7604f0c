import { Column, Entity, PrimaryColumn } from "typeorm";
import { bigintNumber, epochMs } from "../../db/columns";

/**
 * A WeCom department, as department/list last reported it. Departments carry no history of their
 * own, so one that WeCom no longer lists is removed.
 */
@Entity({ name: "departments" })
export class Department {
  /** WeCom's department id (1 is the corp's root). */
  @PrimaryColumn({ type: "int" })
  id: number;

  @Column({ type: "varchar", length: 255 })
  name: string;

  /** 0 for the root department. */
  @Column({ name: "parent_id", type: "int" })
  parentId: number;

  /** WeCom's order among siblings: larger comes first; up to 2^32, hence BIGINT. */
  @Column({ name: "sort_order", type: "bigint", transformer: bigintNumber })
  order: number;

  @Column({ name: "synced_at", type: "bigint", transformer: epochMs })
  syncedAt: Date;
}
