import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { idColumn as id, timeColumn as time } from "../../db/migrationColumns";

export class CreateCampaignsAndChannels1764160000100 implements MigrationInterface {
  name = "CreateCampaignsAndChannels1764160000100";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "campaigns",
        columns: [
          { ...id("id"), isPrimary: true },
          { name: "name", type: "varchar", length: "64" },
          time("starts_at"),
          time("ends_at"),
          { name: "budget_fen", type: "bigint" },
          time("archived_at", true),
          time("created_at"),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "channels",
        columns: [
          { ...id("id"), isPrimary: true },
          id("campaign_id"),
          { name: "name", type: "varchar", length: "64" },
          { name: "kind", type: "varchar", length: "16" },
          { name: "state", type: "varchar", length: "30" },
          time("starts_at"),
          time("ends_at"),
          { name: "cost_fen", type: "bigint" },
          { name: "staff_pool", type: "text" },
          { name: "routing", type: "text" },
          { name: "tags", type: "text" },
          { name: "welcome", type: "text" },
          { name: "temporary", type: "boolean" },
          { name: "config_id", type: "varchar", length: "64", isNullable: true },
          { name: "qr_code", type: "varchar", length: "512", isNullable: true },
          { name: "contact_way_users", type: "text" },
          time("archived_at", true),
          time("created_at"),
        ],
        indices: [
          { name: "idx_channels_campaign", columnNames: ["campaign_id"] },
          { name: "uq_channels_state", columnNames: ["state"], isUnique: true },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("channels");
    await q.dropTable("campaigns");
  }
}
