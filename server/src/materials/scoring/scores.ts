import { marks } from "../../db/sql";
import type { LeadGrade, ScoringRulesView } from "@scrm/shared";
import type { EntityManager } from "typeorm";
import type { AppDeps } from "../../deps";
import { decayedAt, explain, gradeOf, profilePoints, scoreOf, type Basis, type Explained, type FactorGroup } from "./model";
import { profilesOf } from "./profiles";
import { scoringRules } from "./rules";

type ScoreDeps = Pick<AppDeps, "db" | "clock">;

export interface CustomerScore {
  score: number;
  grade: LeadGrade;
  /** Unrounded, for ordering. */
  exact: number;
}

interface StoredRow {
  customerId: string | null;
  norm: number;
  lastAt: number | null;
  basis: Basis;
}

/**
 * The customers' stored behaviour values with the basis they are normalised to, in one statement
 * (one snapshot: a rebase can never fall between reading the basis and reading the values).
 */
async function storedScores(em: EntityManager, customerIds: string[]): Promise<StoredRow[]> {
  const rows = (await em.query(
    `SELECT s.customer_id, s.norm, s.last_at, r.basis_at, r.half_life_ms FROM lead_scoring_rules r LEFT JOIN lead_score s ON s.customer_id IN (${marks(customerIds.length)}) WHERE r.id = 'global'`,
    customerIds,
  )) as { customer_id: string | null; norm: number | string | null; last_at: number | string | null; basis_at: number | string; half_life_ms: number | string }[];
  return rows.map((r) => ({
    customerId: r.customer_id,
    norm: Number(r.norm ?? 0),
    lastAt: r.last_at === null ? null : Number(r.last_at),
    basis: { at: Number(r.basis_at), halfLifeMs: Number(r.half_life_ms) },
  }));
}

/** Today's score and grade of each of these customers (customers unknown are left out). */
export async function scoresOf(deps: ScoreDeps, customerIds: string[]): Promise<Map<string, CustomerScore>> {
  const ids = [...new Set(customerIds)];
  const scores = new Map<string, CustomerScore>();
  if (ids.length === 0) return scores;
  const rules = await scoringRules(deps);
  const now = deps.clock.now().getTime();
  for (let i = 0; i < ids.length; i += CHUNK) await scoreChunk(deps, rules, ids.slice(i, i + CHUNK), now, scores);
  return scores;
}

/** Customers per read: IN lists stay well under SQLite's and MySQL's parameter limits. */
const CHUNK = 500;

async function scoreChunk(deps: ScoreDeps, rules: ScoringRulesView, ids: string[], now: number, scores: Map<string, CustomerScore>): Promise<void> {
  const [profiles, stored] = await Promise.all([profilesOf(deps.db.manager, ids), storedScores(deps.db.manager, ids)]);
  const behaviour = new Map(stored.filter((s) => s.customerId).map((s) => [s.customerId!, decayedAt(s.basis, s.norm, now)]));
  for (const [id, profile] of profiles) {
    const fit = profilePoints(rules, profile);
    const value = behaviour.get(id) ?? 0;
    const score = scoreOf(fit, value);
    scores.set(id, { score, grade: gradeOf(rules, score), exact: fit + value });
  }
}

/** One customer's score with the factors that make it (one snapshot of their rows); undefined for no such customer. */
export async function explainScore(deps: ScoreDeps, customerId: string, rules?: ScoringRulesView): Promise<Explained | undefined> {
  const inForce = rules ?? (await scoringRules(deps));
  const now = deps.clock.now().getTime();
  return deps.db.transaction(async (em) => {
    const profile = (await profilesOf(em, [customerId])).get(customerId);
    if (!profile) return undefined;
    const [stored] = await storedScores(em, [customerId]);
    const groups = (await em.query(
      "SELECT kind, label, SUM(points) AS points, SUM(qty) AS qty, COUNT(*) AS n, MAX(at) AS last FROM lead_score_factor WHERE customer_id = ? GROUP BY kind, label ORDER BY MAX(at) DESC, label",
      [customerId],
    )) as { kind: string; label: string; points: number | string; qty: number | string; n: number | string }[];
    const factorGroups: FactorGroup[] = groups.map((g) => ({ kind: g.kind, label: g.label, points: Number(g.points), qty: Number(g.qty), count: Number(g.n) }));
    return explain(inForce, profile, factorGroups, decayedAt(stored.basis, stored.norm, now), stored.lastAt, now);
  });
}
