import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { idColumn, textColumn, timeColumn } from "../../db/migrationColumns";

export class CreateOutbox1764200000000 implements MigrationInterface {
  name = "CreateOutbox1764200000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "outbox_job",
        columns: [
          { ...idColumn("id"), isPrimary: true },
          textColumn("topic", "64"),
          { name: "payload", type: "text" },
          textColumn("state", "16"),
          { name: "attempts", type: "int", default: 0 },
          timeColumn("due_at"),
          { name: "last_error", type: "text", isNullable: true },
          textColumn("lease_owner", "100", true),
          timeColumn("lease_until", true),
          timeColumn("created_at"),
          timeColumn("done_at", true),
        ],
        indices: [{ name: "idx_outbox_job_due", columnNames: ["state", "due_at"] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("outbox_job");
  }
}
