import type { EntityManager } from "typeorm";
import { upsertScore } from "./behaviour";

/**
 * Moves a merged-away customer's score into the surviving record, in the merge's transaction.
 * Both values are normalised to the same basis, so they simply add: the survivor's score is what
 * one customer doing both histories would have. The `hot` mark survives if either had it.
 */
export async function mergeLeadScores(em: EntityManager, from: string, into: string): Promise<void> {
  const kind = em.connection.options.type === "mysql" ? "mysql" : "sqlite";
  await em.query("UPDATE lead_score_factor SET customer_id = ? WHERE customer_id = ?", [into, from]);
  const [row] = (await em.query("SELECT norm, raw_points, dwell_carry_ms, last_at, hot FROM lead_score WHERE customer_id = ?", [from])) as {
    norm: number | string;
    raw_points: number | string;
    dwell_carry_ms: number | string;
    last_at: number | string;
    hot: number | string | boolean;
  }[];
  if (!row) return;
  await em.query(upsertScore(kind), [into, Number(row.norm), Number(row.raw_points), Number(row.dwell_carry_ms), Number(row.last_at)]);
  if (Number(row.hot) === 1 || row.hot === true) await em.query("UPDATE lead_score SET hot = 1 WHERE customer_id = ?", [into]);
  await em.query("DELETE FROM lead_score WHERE customer_id = ?", [from]);
}
