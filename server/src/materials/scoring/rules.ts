import { ScoringRules, type ScoringRulesView } from "@scrm/shared";
import type { EntityManager } from "typeorm";
import type { z } from "zod";
import type { AppDeps } from "../../deps";
import type { Database } from "../../db/database";
import { DAY_MS } from "../../platform/clock";
import { TtlCache } from "../../platform/ttlCache";
import { GLOBAL_RULES, LeadScoringRulesRow } from "./entities";
import { decayedAt, drifted, type Basis } from "./model";

/** How long an instance trusts its copy of the rules: a manager's edit applies everywhere within this. */
const RULES_CACHE_MS = 5_000;

type RulesDeps = Pick<AppDeps, "db" | "clock">;

/** One cache per database handle, i.e. per server instance (the rules are global: one key). */
const caches = new WeakMap<Database, TtlCache<string, ScoringRulesView>>();
const cacheOf = (db: Database) => {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new TtlCache<string, ScoringRulesView>(RULES_CACHE_MS, 1)));
  return cache;
};

export const parseRules = (json: string): ScoringRulesView => ScoringRules.parse(JSON.parse(json) as unknown);

export const basisOf = (row: Pick<LeadScoringRulesRow, "basisAt" | "halfLifeMs">): Basis => ({ at: row.basisAt.getTime(), halfLifeMs: row.halfLifeMs });

/** The rules in force (this instance's copy, at most RULES_CACHE_MS old). */
export function scoringRules(deps: Pick<AppDeps, "db">): Promise<ScoringRulesView> {
  return cacheOf(deps.db).get(GLOBAL_RULES, async () => parseRules((await deps.db.manager.findOneByOrFail(LeadScoringRulesRow, { id: GLOBAL_RULES })).rules));
}

/**
 * The rules row inside a transaction that adds behaviour: shared-locked on MySQL, so a rebase
 * (which takes it exclusively) never runs between reading the basis and adding to `norm`.
 */
export async function lockedRules(em: EntityManager, kind: Database["kind"], exclusive = false): Promise<LeadScoringRulesRow> {
  const lock = kind === "mysql" ? (exclusive ? " FOR UPDATE" : " LOCK IN SHARE MODE") : "";
  const [row] = (await em.query(`SELECT rules, basis_at, half_life_ms FROM lead_scoring_rules WHERE id = ?${lock}`, [GLOBAL_RULES])) as { rules: string; basis_at: number | string; half_life_ms: number | string }[];
  return Object.assign(new LeadScoringRulesRow(), { id: GLOBAL_RULES, rules: row.rules, basisAt: new Date(Number(row.basis_at)), halfLifeMs: Number(row.half_life_ms) });
}

/**
 * Moves the basis to `now` under `halfLifeMs`, scaling every stored value by the decay since the
 * old basis (one UPDATE), in the caller's transaction, which holds the rules row exclusively.
 */
async function rebase(em: EntityManager, row: LeadScoringRulesRow, now: number, halfLifeMs: number): Promise<void> {
  const scale = decayedAt(basisOf(row), 1, now);
  await em.query("UPDATE lead_score SET norm = norm * ?", [scale]);
  row.basisAt = new Date(now);
  row.halfLifeMs = halfLifeMs;
}

/** Rebases if the basis is too far from these times (an event found it so); answers whether it did. */
export async function rebaseIfDrifted(deps: RulesDeps, ...times: number[]): Promise<void> {
  const { db, clock } = deps;
  await db.transaction(async (em) => {
    const row = await lockedRules(em, db.kind, true);
    if (!drifted(basisOf(row), ...times)) return;
    await rebase(em, row, clock.now().getTime(), row.halfLifeMs);
    await em.update(LeadScoringRulesRow, { id: GLOBAL_RULES }, { basisAt: row.basisAt, halfLifeMs: row.halfLifeMs });
  });
}

/** A manager's new rules; a new half-life rebases every stored score first (what decayed so far stays decayed). */
export async function setScoringRules(deps: RulesDeps, input: z.output<typeof ScoringRules>, managerId: string): Promise<ScoringRulesView> {
  const { db, clock } = deps;
  const halfLifeMs = Math.round(input.halfLifeDays * DAY_MS);
  await db.transaction(async (em) => {
    const row = await lockedRules(em, db.kind, true);
    const now = clock.now().getTime();
    if (row.halfLifeMs !== halfLifeMs) await rebase(em, row, now, halfLifeMs);
    await em.update(LeadScoringRulesRow, { id: GLOBAL_RULES }, { rules: JSON.stringify(input), basisAt: row.basisAt, halfLifeMs: row.halfLifeMs, updatedAt: clock.now(), updatedBy: managerId });
  });
  cacheOf(db).delete(GLOBAL_RULES);
  return scoringRules(deps);
}
