import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { idColumn, textColumn } from "../../db/migrationColumns";

/**
 * Each histogram bucket is spread over several rows (`shard`), summed on read: every new
 * customer moves the same few low-score buckets, and one row each would make all recordings wait
 * on each other's row locks. Existing counts become shard 0.
 */
export class ShardScoreHistogram1764220000200 implements MigrationInterface {
  name = "ShardScoreHistogram1764220000200";

  async up(q: QueryRunner): Promise<void> {
    await rebuild(q, true);
  }

  async down(q: QueryRunner): Promise<void> {
    await rebuild(q, false);
  }
}

const COLUMNS = "campaign_id, board, metric, period, department_id, score";

async function rebuild(q: QueryRunner, sharded: boolean): Promise<void> {
  await q.createTable(
    new Table({
      name: "referral_score_histogram_next",
      columns: [
        { ...idColumn("campaign_id"), isPrimary: true },
        { ...textColumn("board", "16"), isPrimary: true },
        { ...textColumn("metric", "16"), isPrimary: true },
        { ...textColumn("period", "16"), isPrimary: true },
        { name: "department_id", type: "int", isPrimary: true },
        { name: "score", type: "int", isPrimary: true },
        ...(sharded ? [{ name: "shard", type: "int", isPrimary: true }] : []),
        { name: "members", type: "int" },
      ],
    }),
  );
  await q.query(
    sharded
      ? `INSERT INTO referral_score_histogram_next (${COLUMNS}, shard, members) SELECT ${COLUMNS}, 0, members FROM referral_score_histogram`
      : `INSERT INTO referral_score_histogram_next (${COLUMNS}, members) SELECT ${COLUMNS}, SUM(members) FROM referral_score_histogram GROUP BY ${COLUMNS}`,
  );
  await q.dropTable("referral_score_histogram");
  await q.renameTable("referral_score_histogram_next", "referral_score_histogram");
}
