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
          timeColumn("added_at", true),
          timeColumn("settled_at", true),
        ],
        indices: [
          { name: "uq_referral_invitee", columnNames: ["campaign_id", "invitee_id"], isUnique: true },
          { name: "idx_referral_referrer", columnNames: ["campaign_id", "referrer_kind", "referrer_id"] },
          { name: "idx_referral_invitee", columnNames: ["invitee_id", "state"] },
          { name: "idx_referral_due", columnNames: ["state", "added_at"] },
        ],
      }),
    );
    const key = [{ ...idColumn("campaign_id"), isPrimary: true }, { ...textColumn("board", "16"), isPrimary: true }, { ...textColumn("period", "16"), isPrimary: true }];
    await q.createTable(
      new Table({
        name: "referral_score",
        columns: [...key, { ...textColumn("member_id", "64"), isPrimary: true }, { name: "department_id", type: "int" }, { name: "score", type: "int" }],
        indices: [
          { name: "idx_referral_score_top", columnNames: ["campaign_id", "board", "period", "score", "member_id"] },
          { name: "idx_referral_score_department", columnNames: ["campaign_id", "board", "period", "department_id", "score", "member_id"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "referral_score_histogram",
        columns: [...key, { name: "department_id", type: "int", isPrimary: true }, { name: "score", type: "int", isPrimary: true }, { name: "members", type: "int" }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("referral_score_histogram");
    await q.dropTable("referral_score");
    await q.dropTable("referral");
    await q.dropTable("referral_code");
  }
}
