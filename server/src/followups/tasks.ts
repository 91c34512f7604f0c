import { Between, In } from "typeorm";
import type { FollowupPlanResults, FollowupTaskView, SessionUser } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { Customer } from "../customers/customer.entity";
import { CustomerFollow } from "../customers/follow.entity";
import { NotFound } from "../http/errors";
import { DAY_MS } from "../platform/clock";
import { FollowupPlan } from "./plan.entity";
import { FollowupTask } from "./task.entity";

type Deps = Pick<AppDeps, "db" | "clock">;

async function present(deps: Deps, tasks: FollowupTask[]): Promise<FollowupTaskView[]> {
  const { db } = deps;
  const [plans, customers] = await Promise.all([
    db.manager.find(FollowupPlan, { where: { id: In([...new Set(tasks.map((t) => t.planId))]) }, select: { id: true, name: true, steps: true } }),
    db.manager.find(Customer, { where: { id: In([...new Set(tasks.map((t) => t.customerId))]) }, select: { id: true, name: true } }),
  ]);
  const planOf = new Map(plans.map((p) => [p.id, p]));
  const nameOf = new Map(customers.map((c) => [c.id, c.name]));
  return tasks.map((t) => ({
    id: t.id,
    planId: t.planId,
    planName: planOf.get(t.planId)?.name ?? "",
    step: t.step,
    channel: t.channel,
    customerId: t.customerId,
    customerName: nameOf.get(t.customerId) || "客户",
    staffUserId: t.staffUserId,
    text: t.text ?? planOf.get(t.planId)?.steps[t.step]?.template ?? "",
    dueAt: t.dueAt.toISOString(),
    state: t.state,
    reason: t.reason,
    sentAt: t.sentAt?.toISOString() ?? null,
  }));
}

/**
 * A staff member's follow-ups of the day (business time): their tasks, and the customer messages
 * waiting for them to confirm in WeCom. Tasks with no staff member yet go to whoever follows the customer.
 */
export async function myTasksToday(deps: Deps, staffUserId: string, dayStart: Date): Promise<FollowupTaskView[]> {
  const { db } = deps;
  const day = Between(dayStart, new Date(dayStart.getTime() + DAY_MS - 1));
  const mine = await db.manager.find(FollowupTask, {
    where: [
      { staffUserId, channel: "staff_task", dueAt: day },
      { staffUserId, channel: "customer_message", state: In(["sent", "confirmed"]), sentAt: day },
    ],
    order: { dueAt: "ASC" },
    take: 200,
  });
  return present(deps, mine);
}

/** A customer's follow-ups, newest first: what was sent, what is coming, and what stopped and why. Staff see their own customers'. */
export async function followupsOf(deps: Deps, viewer: SessionUser, customerId: string): Promise<FollowupTaskView[]> {
  const { db } = deps;
  if (viewer.role !== "manager" && !(await db.manager.existsBy(CustomerFollow, { customerId, staffUserId: viewer.id }))) throw NotFound("Customer");
  return present(deps, await db.manager.find(FollowupTask, { where: { customerId }, order: { dueAt: "DESC" }, take: 100 }));
}

/** Tasks of a plan by state and step; converted = its customers who redeemed a coupon after the trigger. */
export async function planResults(deps: Deps, planId: string): Promise<FollowupPlanResults> {
  const { db } = deps;
  if (!(await db.manager.existsBy(FollowupPlan, { id: planId }))) throw NotFound("Plan");
  const rows: { step: number | string; state: string; n: number | string }[] = await db.manager.query(
    "SELECT step, state, COUNT(*) AS n FROM followup_task WHERE plan_id = ? GROUP BY step, state ORDER BY step",
    [planId],
  );
  const [converted]: { n: number | string }[] = await db.manager.query(
    "SELECT COUNT(DISTINCT t.customer_id) AS n FROM followup_task t JOIN coupon_claim c ON c.customer_id = t.customer_id " +
      "WHERE t.plan_id = ? AND t.step = 0 AND c.state = 'redeemed' AND c.redeemed_at > t.trigger_at",
    [planId],
  );
  const SENT = new Set(["sent", "confirmed", "done"]);
  const steps = new Map<number, FollowupPlanResults["steps"][number]>();
  for (const r of rows) {
    const step = Number(r.step);
    const n = Number(r.n);
    const s = steps.get(step) ?? { step, scheduled: 0, pending: 0, sent: 0, stopped: 0, failed: 0 };
    s.scheduled += n;
    if (r.state === "pending" || r.state === "sending" || r.state === "unknown") s.pending += n;
    else if (SENT.has(r.state)) s.sent += n;
    else if (r.state === "stopped") s.stopped += n;
    else s.failed += n;
    steps.set(step, s);
  }
  const all = [...steps.values()];
  const sum = (key: "scheduled" | "sent" | "stopped" | "failed") => all.reduce((a, s) => a + s[key], 0);
  return { planId, scheduled: sum("scheduled"), sent: sum("sent"), stopped: sum("stopped"), failed: sum("failed"), converted: Number(converted?.n ?? 0), steps: all };
}
