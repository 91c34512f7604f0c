import type { AppDeps } from "../deps";
import { DAY_MS } from "../platform/clock";
import { isoDate, wallTime } from "../platform/zonedTime";
import { TriggeredPlans } from "./triggers";

/** Timeline kinds that are ours, not the customer's: they do not make a customer active. */
const OURS = ["followup", "contacted", "welcome"];

/**
 * Starts the plans of customers who have done nothing for their days: whose last own timeline
 * entry fell in the day that ended N days ago, so each quiet spell starts a plan once (the
 * occurrence names the day), and a run missed for an hour or two still finds them.
 */
export async function scheduleInactive(deps: Pick<AppDeps, "db" | "clock" | "calendar" | "followups" | "config">): Promise<number> {
  const { db, clock, config } = deps;
  const enabled = await deps.followups.plans.enabledFor("inactive");
  const plans = new TriggeredPlans(enabled, deps);
  const now = clock.now();
  let scheduled = 0;
  for (const days of new Set(enabled.map((p) => (p.trigger.kind === "inactive" ? p.trigger.days : 0)))) {
    const until = now.getTime() - days * DAY_MS;
    const rows: { customer_id: string; last_at: number | string }[] = await db.manager.query(
      `SELECT customer_id, MAX(at) AS last_at FROM customer_timeline WHERE kind NOT IN (${OURS.map(() => "?").join(", ")}) GROUP BY customer_id HAVING MAX(at) <= ? AND MAX(at) > ?`,
      [...OURS, until, until - DAY_MS],
    );
    if (rows.length === 0) continue;
    const occurrences = rows.map((r) => ({
      kind: "inactive" as const,
      customerId: r.customer_id,
      staffUserId: null,
      key: `inactive:${days}:${isoDate(wallTime(new Date(Number(r.last_at)), config.timezone))}`,
      at: now,
      days,
    }));
    scheduled += await db.transaction((em) => plans.schedule(em, occurrences, now));
  }
  return scheduled;
}
