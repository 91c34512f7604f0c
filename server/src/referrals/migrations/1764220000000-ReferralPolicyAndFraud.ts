import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from "typeorm";
import { idColumn, textColumn, timeColumn } from "../../db/migrationColumns";

/**
 * Per-campaign qualification and anti-fraud limits, the review trail, and a second leaderboard
 * metric: scores gain a `metric` key (existing rows are the `qualified` ones), read top-down
 * through descending indexes.
 */
export class ReferralPolicyAndFraud1764220000000 implements MigrationInterface {
  name = "ReferralPolicyAndFraud1764220000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "referral_policy",
        columns: [
          { ...idColumn("campaign_id"), isPrimary: true },
          { name: "qualify_days", type: "int" },
          { name: "inviter_hourly_limit", type: "int" },
          { name: "burst_limit", type: "int" },
          { name: "invite_cap", type: "int", isNullable: true },
          timeColumn("updated_at"),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "referral_audit",
        columns: [
          { ...idColumn("id"), isPrimary: true },
          idColumn("referral_id"),
          idColumn("campaign_id"),
          textColumn("action", "16"),
          textColumn("actor", "64"),
          textColumn("reason", "200"),
          timeColumn("at"),
        ],
        indices: [{ name: "idx_referral_audit_referral", columnNames: ["referral_id", "at"] }],
      }),
    );

    await q.addColumns("referral", [
      new TableColumn(timeColumn("qualify_at", true)),
      new TableColumn(textColumn("ip", "45", true)),
      new TableColumn(textColumn("device", "64", true)),
      new TableColumn(textColumn("flags", "64", true)),
    ]);
    await q.query("UPDATE referral SET qualify_at = added_at + 7 * 86400000 WHERE added_at IS NOT NULL");
    await q.dropIndex("referral", "idx_referral_due");
    await q.dropIndex("referral", "idx_referral_referrer");
    await q.createIndices("referral", [
      new TableIndex({ name: "idx_referral_due", columnNames: ["state", "qualify_at"] }),
      new TableIndex({ name: "idx_referral_referrer", columnNames: ["campaign_id", "referrer_kind", "referrer_id", "recorded_at"] }),
      new TableIndex({ name: "idx_referral_ip", columnNames: ["campaign_id", "ip", "recorded_at"] }),
      new TableIndex({ name: "idx_referral_device", columnNames: ["campaign_id", "device", "recorded_at"] }),
      new TableIndex({ name: "idx_referral_flagged", columnNames: ["campaign_id", "flags"] }),
    ]);

    // The score tables gain `metric` in their primary keys: rebuilt (SQLite cannot change a key in place).
    await rebuild(q, "referral_score", scoreTable, "campaign_id, board, period, member_id, department_id, score");
    await rebuild(q, "referral_score_histogram", histogramTable, "campaign_id, board, period, department_id, score, members");
    // Descending on score, so a top-N is a forward index range in the board's order (score down, member id up).
    await q.query("CREATE INDEX idx_referral_score_top ON referral_score (campaign_id, board, metric, period, score DESC, member_id)");
    await q.query("CREATE INDEX idx_referral_score_department ON referral_score (campaign_id, board, metric, period, department_id, score DESC, member_id)");
  }

  async down(q: QueryRunner): Promise<void> {
    await rebuild(q, "referral_score", scoreTable, "campaign_id, board, period, member_id, department_id, score", false);
    await rebuild(q, "referral_score_histogram", histogramTable, "campaign_id, board, period, department_id, score, members", false);
    await q.createIndices("referral_score", [
      new TableIndex({ name: "idx_referral_score_top", columnNames: ["campaign_id", "board", "period", "score", "member_id"] }),
      new TableIndex({ name: "idx_referral_score_department", columnNames: ["campaign_id", "board", "period", "department_id", "score", "member_id"] }),
    ]);
    for (const index of ["idx_referral_flagged", "idx_referral_device", "idx_referral_ip", "idx_referral_referrer", "idx_referral_due"]) await q.dropIndex("referral", index);
    await q.createIndices("referral", [
      new TableIndex({ name: "idx_referral_referrer", columnNames: ["campaign_id", "referrer_kind", "referrer_id"] }),
      new TableIndex({ name: "idx_referral_due", columnNames: ["state", "added_at"] }),
    ]);
    for (const column of ["flags", "device", "ip", "qualify_at"]) await q.dropColumn("referral", column);
    await q.dropTable("referral_audit");
    await q.dropTable("referral_policy");
  }
}

const boardKey = (withMetric: boolean): TableColumnOptions[] => [
  { ...idColumn("campaign_id"), isPrimary: true },
  { ...textColumn("board", "16"), isPrimary: true },
  ...(withMetric ? [{ ...textColumn("metric", "16"), isPrimary: true }] : []),
  { ...textColumn("period", "16"), isPrimary: true },
];

const scoreTable = (name: string, withMetric: boolean) =>
  new Table({
    name,
    columns: [...boardKey(withMetric), { ...textColumn("member_id", "64"), isPrimary: true }, { name: "department_id", type: "int" }, { name: "score", type: "int" }],
  });

const histogramTable = (name: string, withMetric: boolean) =>
  new Table({
    name,
    columns: [...boardKey(withMetric), { name: "department_id", type: "int", isPrimary: true }, { name: "score", type: "int", isPrimary: true }, { name: "members", type: "int" }],
  });

/**
 * Recreates a score table with (going down, without) the metric in its key, keeping its rows:
 * existing scores are the `qualified` ones.
 */
async function rebuild(q: QueryRunner, table: string, shape: (name: string, withMetric: boolean) => Table, columns: string, withMetric = true): Promise<void> {
  await q.createTable(shape(`${table}_next`, withMetric));
  if (withMetric) await q.query(`INSERT INTO ${table}_next (${columns}, metric) SELECT ${columns}, 'qualified' FROM ${table}`);
  else await q.query(`INSERT INTO ${table}_next (${columns}) SELECT ${columns} FROM ${table} WHERE metric = 'qualified'`);
  await q.dropTable(table);
  await q.renameTable(`${table}_next`, table);
}
