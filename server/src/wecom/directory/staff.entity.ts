import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import type { StaffRole, StaffStatus } from "@scrm/shared";
import { epochMs } from "../../db/columns";

/** A member of the corp, from WeCom's directory, with the role they hold in our app. */
@Entity({ name: "staff" })
@Index("idx_staff_role_status", ["role", "status"])
export class Staff {
  @PrimaryColumn({ type: "varchar", length: 64 })
  userid: string;

  @Column({ type: "varchar", length: 255 })
  name: string;

  @Column({ name: "department_ids", type: "simple-json" })
  departmentIds: number[];

  @Column({ name: "main_department", type: "int", nullable: true })
  mainDepartment: number | null;

  @Column({ type: "varchar", length: 255 })
  position: string;

  @Column({ type: "varchar", length: 16 })
  status: StaffStatus;

  /** Ours, not WeCom's: syncs and contact events never change it (INITIAL_MANAGER_USERIDS aside). */
  @Column({ type: "varchar", length: 16 })
  role: StaffRole;

  /**
   * When the state applied last was true at WeCom: an event's CreateTime, or the start of a sync.
   * A change older than this arrived out of order and is ignored.
   */
  @Column({ name: "applied_change_at", type: "bigint", transformer: epochMs })
  appliedChangeAt: Date;

  /** When we last wrote WeCom's data into this row. */
  @Column({ name: "synced_at", type: "bigint", transformer: epochMs })
  syncedAt: Date;
}
