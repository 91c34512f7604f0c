import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { idColumn, textColumn, timeColumn } from "../../db/migrationColumns";

export class CreateFission1764210000100 implements MigrationInterface {
  name = "CreateFission1764210000100";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "fission_campaign",
        columns: [{ ...idColumn("campaign_id"), isPrimary: true }, { name: "tiers", type: "text" }, timeColumn("starts_at"), timeColumn("ends_at")],
      }),
    );
    await q.createTable(
      new Table({
        name: "fission_reward",
        columns: [
          { ...idColumn("id"), isPrimary: true },
          idColumn("campaign_id"),
          idColumn("customer_id"),
          { name: "threshold", type: "int" },
          idColumn("stock_id"),
          { ...idColumn("claim_id"), isNullable: true },
          textColumn("failure", "64", true),
          timeColumn("granted_at"),
        ],
        indices: [{ name: "uq_fission_reward", columnNames: ["campaign_id", "customer_id", "threshold"], isUnique: true }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("fission_reward");
    await q.dropTable("fission_campaign");
  }
}
