import { Table, type MigrationInterface, type QueryRunner } from "typeorm";

export class CreateSessions1764140000000 implements MigrationInterface {
  name = "CreateSessions1764140000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "sessions",
        columns: [
          { name: "token_hash", type: "varchar", length: "64", isPrimary: true },
          { name: "role", type: "varchar", length: "16" },
          { name: "subject_id", type: "varchar", length: "64" },
          { name: "name", type: "varchar", length: "64" },
          { name: "created_at", type: "bigint" },
          { name: "expires_at", type: "bigint" },
        ],
        indices: [{ name: "idx_sessions_expires_at", columnNames: ["expires_at"] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("sessions");
  }
}
