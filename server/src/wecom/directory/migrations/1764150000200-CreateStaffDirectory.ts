import { Table, type MigrationInterface, type QueryRunner } from "typeorm";

export class CreateStaffDirectory1764150000200 implements MigrationInterface {
  name = "CreateStaffDirectory1764150000200";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "departments",
        columns: [
          { name: "id", type: "int", isPrimary: true },
          { name: "name", type: "varchar", length: "255" },
          { name: "parent_id", type: "int" },
          { name: "sort_order", type: "bigint" },
          { name: "synced_at", type: "bigint" },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "staff",
        columns: [
          { name: "userid", type: "varchar", length: "64", isPrimary: true },
          { name: "name", type: "varchar", length: "255" },
          { name: "department_ids", type: "text" },
          { name: "main_department", type: "int", isNullable: true },
          { name: "position", type: "varchar", length: "255" },
          { name: "status", type: "varchar", length: "16" },
          { name: "role", type: "varchar", length: "16" },
          { name: "applied_change_at", type: "bigint" },
          { name: "synced_at", type: "bigint" },
        ],
        indices: [{ name: "idx_staff_role_status", columnNames: ["role", "status"] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("staff");
    await q.dropTable("departments");
  }
}
