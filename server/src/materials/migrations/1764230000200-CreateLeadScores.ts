import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { idColumn, textColumn, timeColumn } from "../../db/migrationColumns";

const DEFAULT_HALF_LIFE_MS = 14 * 86_400_000;

/** Lead scoring: the global rules row (with its normalisation basis), per-customer scores, and their factors. */
export class CreateLeadScores1764230000200 implements MigrationInterface {
  name = "CreateLeadScores1764230000200";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "lead_scoring_rules",
        columns: [
          { ...textColumn("id", "16"), isPrimary: true },
          { name: "rules", type: "text" },
          timeColumn("basis_at"),
          { name: "half_life_ms", type: "bigint" },
          timeColumn("updated_at"),
          textColumn("updated_by", "64", true),
        ],
      }),
    );
    const now = Date.now();
    // `{}`: the schema's defaults (see ScoringRules), until a manager saves rules.
    await q.query("INSERT INTO lead_scoring_rules (id, rules, basis_at, half_life_ms, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, NULL)", ["global", "{}", now, DEFAULT_HALF_LIFE_MS, now]);
    await q.createTable(
      new Table({
        name: "lead_score",
        columns: [
          { ...idColumn("customer_id"), isPrimary: true },
          { name: "norm", type: "double" },
          { name: "raw_points", type: "int" },
          { name: "dwell_carry_ms", type: "int" },
          timeColumn("last_at"),
          { name: "hot", type: "boolean" },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "lead_score_factor",
        columns: [
          { ...idColumn("id"), isPrimary: true },
          idColumn("customer_id"),
          textColumn("kind", "16"),
          textColumn("label", "128"),
          { name: "points", type: "int" },
          { name: "qty", type: "int" },
          timeColumn("at"),
        ],
        indices: [{ name: "idx_lead_score_factor_customer", columnNames: ["customer_id", "kind", "label"] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("lead_score_factor");
    await q.dropTable("lead_score");
    await q.dropTable("lead_scoring_rules");
  }
}
