import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { textColumn, timeColumn } from "../../db/migrationColumns";

export class CreatePayRecords1764200000200 implements MigrationInterface {
  name = "CreatePayRecords1764200000200";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "pay_notification",
        columns: [
          { ...textColumn("id", "64"), isPrimary: true },
          textColumn("event_type", "64"),
          textColumn("create_time", "40"),
          { name: "resource", type: "text" },
          textColumn("outcome", "32", true),
          timeColumn("received_at"),
          timeColumn("handled_at", true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "pay_transaction",
        columns: [
          { ...textColumn("transaction_id", "64"), isPrimary: true },
          textColumn("out_trade_no", "64"),
          textColumn("payer_openid", "128", true),
          { name: "amount_fen", type: "bigint" },
          { name: "payer_amount_fen", type: "bigint" },
          timeColumn("success_at"),
        ],
        indices: [{ name: "idx_pay_transaction_payer", columnNames: ["payer_openid"] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("pay_transaction");
    await q.dropTable("pay_notification");
  }
}
