import { Table, type MigrationInterface, type QueryRunner } from "typeorm";

export class CreateWecomInbox1764150000000 implements MigrationInterface {
  name = "CreateWecomInbox1764150000000";

  async up(q: QueryRunner): Promise<void> {
    const text = (name: string, length: string) => ({ name, type: "varchar", length });
    await q.createTable(
      new Table({
        name: "wecom_inbox",
        columns: [
          { ...text("id", "36"), isPrimary: true },
          { name: "dedupe_key", type: "varchar", length: "64" },
          text("corp_id", "64"),
          text("event", "64"),
          text("change_type", "64"),
          text("user_id", "64"),
          text("external_user_id", "64"),
          { name: "create_time", type: "bigint" },
          { name: "fields", type: "text" },
          text("msg_signature", "64"),
          text("msg_timestamp", "16"),
          text("nonce", "64"),
          text("state", "16"),
          { name: "attempts", type: "int", default: 0 },
          { name: "next_attempt_at", type: "bigint" },
          { name: "last_error", type: "text", isNullable: true },
          { ...text("lease_owner", "100"), isNullable: true },
          { name: "lease_until", type: "bigint", isNullable: true },
          { name: "received_at", type: "bigint" },
          { name: "handled_at", type: "bigint", isNullable: true },
        ],
        indices: [
          { name: "uq_wecom_inbox_dedupe", columnNames: ["dedupe_key"], isUnique: true },
          { name: "idx_wecom_inbox_due", columnNames: ["state", "next_attempt_at"] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("wecom_inbox");
  }
}
