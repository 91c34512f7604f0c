import type { EntityManager } from "typeorm";
import type { AppDeps } from "../../deps";
import type { DatabaseKind } from "../../db/database";
import { newId } from "../../platform/ids";
import { CustomerFollow } from "../../customers/follow.entity";
import { LeadScoreFactor, type FactorKind } from "./entities";
import { HOT_ALERT, type HotAlert } from "./hotAlert";
import { MAX_DRIFT_HALF_LIVES, decayedAt, drifted, normalised, profilePoints, scoreOf, type Basis, type ProfileFacts } from "./model";
import { profilesOf } from "./profiles";
import { customerKey } from "../viewers";
import { plansFor, type TriggeredPlans } from "../../followups/triggers";
import { basisOf, lockedRules, parseRules, rebaseIfDrifted } from "./rules";

/** Something a customer did that moves their lead score (behaviour points, decaying with time). */
export interface BehaviourFact {
  customerId: string;
  kind: "view" | "dwell" | "share_intent" | "claim" | "redeem";
  /** Business time it happened. */
  at: Date;
  /** view / dwell / share_intent: the material's title, for the factor's label ("阅读《…》"). */
  materialTitle?: string;
  /** view: the material opened (follow-up plans started by a number of views). */
  materialId?: string;
  /** dwell: reading time to add. */
  dwellMs?: number;
  /** claim / redeem: the coupon stock's name. */
  stockName?: string;
}

type BehaviourDeps = Pick<AppDeps, "db" | "clock" | "outbox" | "wecom" | "logger" | "followups" | "calendar">;

const MINUTE_MS = 60_000;

/** Adds to a customer's score row (creating it): norm, raw points and reading time add up; the latest time wins. */
export const upsertScore = (kind: DatabaseKind) =>
  "INSERT INTO lead_score (customer_id, norm, raw_points, dwell_carry_ms, last_at, hot) VALUES (?, ?, ?, ?, ?, 0) " +
  (kind === "mysql"
    ? "ON DUPLICATE KEY UPDATE norm = norm + VALUES(norm), raw_points = raw_points + VALUES(raw_points), dwell_carry_ms = dwell_carry_ms + VALUES(dwell_carry_ms), last_at = GREATEST(last_at, VALUES(last_at))"
    : "ON CONFLICT (customer_id) DO UPDATE SET norm = norm + excluded.norm, raw_points = raw_points + excluded.raw_points, dwell_carry_ms = dwell_carry_ms + excluded.dwell_carry_ms, last_at = MAX(last_at, excluded.last_at)");

interface StoredScore {
  norm: number;
  carry: number;
  hot: boolean;
}

async function readScore(em: EntityManager, customerId: string): Promise<StoredScore> {
  const [row] = (await em.query("SELECT norm, dwell_carry_ms, hot FROM lead_score WHERE customer_id = ?", [customerId])) as { norm: number | string; dwell_carry_ms: number | string; hot: number | string | boolean }[];
  return { norm: Number(row.norm), carry: Number(row.dwell_carry_ms), hot: Number(row.hot) === 1 || row.hot === true };
}

const title = (fact: BehaviourFact) => (fact.materialTitle ?? "资料").slice(0, 64);
const stock = (fact: BehaviourFact) => (fact.stockName ?? "优惠券").slice(0, 64);

const LABELS: Record<FactorKind, (fact: BehaviourFact) => string> = {
  view: (f) => `阅读《${title(f)}》`,
  dwell: (f) => `阅读《${title(f)}》停留`,
  share_intent: (f) => `转发《${title(f)}》`,
  claim: (f) => `领取「${stock(f)}」`,
  redeem: (f) => `核销「${stock(f)}」`,
};

type Outcome = { kind: "drifted" } | { kind: "done"; jobId?: string };

/**
 * Records a behaviour fact and moves the customer's score, in one transaction: the rules row
 * (shared-locked on MySQL, see rules.ts) gives the points and the basis; one upsert adds the
 * normalised points (it also locks the customer's row until the commit, so the before/after read
 * that follows is this event's own); the factor row keeps the explanation. A customer crossing
 * into hot alerts the staff they follow, once per crossing, through the outbox after the commit.
 */
export async function recordBehaviour(deps: BehaviourDeps, fact: BehaviourFact): Promise<void> {
  const followups = await plansFor(deps, fact.kind === "view" ? ["score_hot", "material_viewed"] : ["score_hot"]);
  for (let attempt = 0; ; attempt++) {
    const outcome = await deps.db.transaction((em) => apply(deps, em, fact, followups), { readCommitted: true });
    if (outcome.kind === "drifted") {
      if (attempt < 2) {
        await rebaseIfDrifted(deps, deps.clock.now().getTime());
        continue;
      }
      deps.logger.warn({ customerId: fact.customerId, kind: fact.kind }, "lead score basis kept drifting; behaviour not scored");
    }
    if (outcome.kind === "done" && outcome.jobId) deps.outbox.kick(outcome.jobId);
    return;
  }
}

async function apply(deps: BehaviourDeps, em: EntityManager, fact: BehaviourFact, followups: TriggeredPlans): Promise<Outcome> {
  const { db, clock } = deps;
  const rulesRow = await lockedRules(em, db.kind);
  const basis = basisOf(rulesRow);
  const now = clock.now().getTime();
  // A fact stamped ahead of business time (another instance's clock) counts as now.
  const at = Math.min(fact.at.getTime(), now);
  if ((now - at) / basis.halfLifeMs > MAX_DRIFT_HALF_LIVES) return { kind: "done" }; // decayed to nothing long ago
  if (drifted(basis, at, now)) return { kind: "drifted" };
  const rules = parseRules(rulesRow.rules);

  let points: number;
  let qty = 1;
  if (fact.kind === "dwell") {
    // Reading time accrues on the row; each full minute is worth its points once.
    await em.query(upsertScore(db.kind), [fact.customerId, 0, 0, Math.max(0, Math.round(fact.dwellMs ?? 0)), at]);
    const { carry } = await readScore(em, fact.customerId);
    qty = Math.floor(carry / MINUTE_MS);
    if (qty > 0) await em.query("UPDATE lead_score SET dwell_carry_ms = dwell_carry_ms - ? WHERE customer_id = ?", [qty * MINUTE_MS, fact.customerId]);
    points = qty * rules.behaviour.dwellMinute;
  } else {
    points = rules.behaviour[fact.kind === "share_intent" ? "shareIntent" : fact.kind];
  }
  if (fact.kind === "view" && fact.materialId && followups.starts("material_viewed")) await scheduleViewed(em, followups, fact.customerId, fact.materialId, new Date(at));
  if (points <= 0) return { kind: "done" };

  const delta = normalised(basis, points, at);
  await em.query(upsertScore(db.kind), [fact.customerId, delta, points, 0, at]);
  await em.insert(LeadScoreFactor, { id: newId(), customerId: fact.customerId, kind: fact.kind, label: LABELS[fact.kind](fact), points, qty, at: new Date(at) });
  const jobId = await alertIfTurnedHot(deps, em, fact.customerId, basis, delta, rules.hotAt, now, (profile) => profilePoints(rules, profile), followups);
  return { kind: "done", jobId };
}

/** The plans started by a customer's N-th open of a material, N counted from the material's viewer rows (this open included). */
async function scheduleViewed(em: EntityManager, followups: TriggeredPlans, customerId: string, materialId: string, at: Date): Promise<void> {
  const [row] = (await em.query("SELECT COALESCE(SUM(opens), 0) AS n FROM material_viewer WHERE material_id = ? AND viewer_key = ?", [materialId, customerKey(customerId)])) as { n: number | string }[];
  const times = Number(row?.n ?? 0);
  if (times > 0) await followups.schedule(em, [{ kind: "material_viewed", customerId, staffUserId: null, key: `viewed:${materialId}:${times}`, at, times }], at);
}

/**
 * Whether this event made the customer hot: hot after it, and not already hot and alerted since
 * they last were below the threshold (the row's `hot`, cleared when a later event finds them
 * cooled). Answers the alert's outbox job.
 */
async function alertIfTurnedHot(
  deps: BehaviourDeps,
  em: EntityManager,
  customerId: string,
  basis: Basis,
  delta: number,
  hotAt: number,
  now: number,
  pointsOf: (profile: ProfileFacts) => number,
  followups: TriggeredPlans,
): Promise<string | undefined> {
  const stored = await readScore(em, customerId);
  const profile = (await profilesOf(em, [customerId])).get(customerId);
  if (!profile) return undefined;
  const fit = pointsOf(profile);
  const after = scoreOf(fit, decayedAt(basis, stored.norm, now));
  const before = scoreOf(fit, decayedAt(basis, stored.norm - delta, now));
  const stillHot = stored.hot && before >= hotAt;
  if (after < hotAt) {
    if (stored.hot) await em.query("UPDATE lead_score SET hot = 0 WHERE customer_id = ?", [customerId]);
    return undefined;
  }
  if (stillHot) return undefined;
  if (!stored.hot) await em.query("UPDATE lead_score SET hot = 1 WHERE customer_id = ?", [customerId]);
  await followups.schedule(em, [{ kind: "score_hot", customerId, staffUserId: null, key: `hot:${now}`, at: new Date(now) }], new Date(now));
  const follows = await em.find(CustomerFollow, { where: { customerId, status: "active" }, select: { staffUserId: true } });
  const staff = [...new Set(follows.map((f) => f.staffUserId))].sort();
  if (staff.length === 0) return undefined;
  const alert: HotAlert = { customerId, name: profile.name, score: after, staff };
  return deps.outbox.enqueue(em, HOT_ALERT, alert);
}
