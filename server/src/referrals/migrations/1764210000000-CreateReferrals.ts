import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { idColumn, textColumn, timeColumn } from "../../db/migrationColumns";

export class CreateReferrals1764210000000 implements MigrationInterface {
  name = "CreateReferrals1764210000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "referral_code",
        columns: [
          { ...textColumn("code", "16"), isPrimary: true },
          idColumn("campaign_id"),
          textColumn("referrer_kind", "16"),
          textColumn("referrer_id", "64"),
          timeColumn("created_at"),
        ],
        indices: [{ name: "uq_referral_code_referrer", columnNames: ["campaign_id", "referrer_kind", "referrer_id"], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: "referral",
        columns: [
          { ...idColumn("id"), isPrimary: true },
          idColumn("campaign_id"),
          textColumn("code", "16"),
          textColumn("referrer_kind", "16"),
          textColumn("referrer_id", "64"),
          idColumn("invitee_id"),
          { ...idColumn("parent_id"), isNullable: true },
          { name: "depth", type: "int" },
          textColumn("state", "16"),
          timeColumn("recorded_at"),
        ],
        indices: [
          { name: "uq_referral_invitee", columnNames: ["campaign_id", "invitee_id"], isUnique: true },
          { name: "idx_referral_referrer", columnNames: ["campaign_id", "referrer_kind", "referrer_id"] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("referral");
    await q.dropTable("referral_code");
  }
}
