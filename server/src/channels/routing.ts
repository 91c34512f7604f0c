import type { RoutingRule } from "@scrm/shared";

export interface RoutingFacts {
  /** Staff of our corp who are active in WeCom now. */
  active: Set<string>;
  /** Adds through this channel today (business day), per staff member. */
  addsToday: Map<string, number>;
  /** Whether now is working time by the working calendar. */
  workingTime: boolean;
}

/**
 * The staff a channel's contact way should list right now. WeCom picks among a multi-user way's
 * users by itself, so this list is how we steer: leave out who is capped, off shift or gone.
 * Never empty while anyone in the pool is active: nobody eligible means the fallback, then the pool.
 */
export function eligibleStaff(pool: string[], rule: RoutingRule, facts: RoutingFacts): string[] {
  const active = pool.filter((u) => facts.active.has(u));
  const fallback = rule.fallbackStaff && facts.active.has(rule.fallbackStaff) ? [rule.fallbackStaff] : [];
  if (rule.kind === "working_hours" && !facts.workingTime) return fallback.length ? fallback : active;
  const adds = (u: string) => facts.addsToday.get(u) ?? 0;
  const underCap = active.filter((u) => rule.dailyCap === undefined || adds(u) < rule.dailyCap);
  if (underCap.length === 0) return fallback.length ? fallback : active;
  if (rule.kind !== "least_loaded") return underCap;
  const least = Math.min(...underCap.map(adds));
  return underCap.filter((u) => adds(u) === least);
}
