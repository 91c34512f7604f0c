import { In, type EntityManager } from "typeorm";
import type { FollowupStep, FollowupTrigger, TriggerKind } from "@scrm/shared";
import type { Database } from "../db/database";
import { insertIgnoringConflicts } from "../db/insertIgnoring";
import { CustomerFollow } from "../customers/follow.entity";
import type { WorkingCalendar } from "../platform/calendar";
import { DAY_MS, HOUR_MS } from "../platform/clock";
import { newId } from "../platform/ids";
import type { FollowupPlan } from "./plan.entity";
import type { FollowupPlans } from "./plans";
import { FollowupTask } from "./task.entity";

/** One occurrence of a trigger for one customer, as the domain that saw it describes it. */
export interface Occurrence {
  kind: TriggerKind;
  customerId: string;
  /** The staff member it concerns (who added, who shared, the channel's staff), if known. */
  staffUserId: string | null;
  /** Unique per occurrence of this kind: `claim:<id>`, `add:<follow>:<time>`… */
  key: string;
  /** Business time it happened. */
  at: Date;
  claimId?: string;
  stockId?: string;
  channelId?: string;
  /** coupon_expiring: when the coupon runs out. */
  expiresAt?: Date;
  /** material_viewed: how many times the customer has now opened the material. */
  times?: number;
  /** inactive: for how many days the customer has done nothing. */
  days?: number;
}

/** When a plan's steps start counting for an occurrence, or undefined when the plan does not apply. */
function startOf(trigger: FollowupTrigger, o: Occurrence): Date | undefined {
  switch (trigger.kind) {
    case "customer_added":
      return !trigger.channelId || trigger.channelId === o.channelId ? o.at : undefined;
    case "coupon_claimed":
    case "coupon_redeemed":
      return !trigger.stockId || trigger.stockId === o.stockId ? o.at : undefined;
    case "coupon_expiring": {
      if (!o.expiresAt) return undefined;
      const start = new Date(o.expiresAt.getTime() - trigger.hoursBefore * HOUR_MS);
      // A coupon that runs out sooner than the reminder's lead time gets no reminder.
      return start >= o.at ? start : undefined;
    }
    case "material_viewed":
      return o.times === trigger.times ? o.at : undefined;
    case "score_hot":
      return o.at;
    case "inactive":
      return o.days === trigger.days ? o.at : undefined;
  }
}

const UNIT_MS = { minutes: 60_000, hours: HOUR_MS, days: DAY_MS } as const;

export function dueOf(calendar: WorkingCalendar, start: Date, step: FollowupStep): Date {
  const { amount, unit } = step.delay;
  return unit === "working_hours" ? calendar.addWorkingHours(start, amount) : new Date(start.getTime() + amount * UNIT_MS[unit]);
}

/**
 * The plans of some triggers, read before a transaction opens (SQLite runs one transaction at a
 * time), then turned into tasks inside it: one per step, under the unique key that makes an
 * occurrence seen twice schedule once.
 */
export class TriggeredPlans {
  constructor(
    private readonly plans: FollowupPlan[],
    private readonly deps: { db: Database; calendar: WorkingCalendar },
  ) {}

  /** Whether any of the plans starts on this trigger. */
  starts(kind: TriggerKind): boolean {
    return this.plans.some((p) => p.triggerKind === kind);
  }

  /**
   * Writes the tasks the occurrences start, in the caller's transaction; answers how many were new.
   * A task whose occurrence names no staff member goes to the one the customer added last.
   */
  async schedule(em: EntityManager, occurrences: Occurrence[], now: Date): Promise<number> {
    const rows: FollowupTask[] = [];
    const owners = await ownersOf(em, occurrences.filter((o) => o.staffUserId === null && this.plans.some((p) => p.triggerKind === o.kind)).map((o) => o.customerId));
    for (const o of occurrences) {
      for (const plan of this.plans.filter((p) => p.triggerKind === o.kind)) {
        const start = startOf(plan.trigger, o);
        if (!start) continue;
        plan.steps.forEach((step, index) =>
          rows.push(
            Object.assign(new FollowupTask(), {
              id: newId(),
              planId: plan.id,
              planVersion: plan.version,
              step: index,
              channel: step.channel,
              customerId: o.customerId,
              staffUserId: o.staffUserId ?? owners.get(o.customerId) ?? null,
              occurrence: o.key,
              triggerAt: start,
              dueAt: dueOf(this.deps.calendar, start, step),
              state: "pending" as const,
              claimId: o.claimId ?? null,
              text: null,
              result: null,
              reason: null,
              sendingAt: null,
              sentAt: null,
              attempts: 0,
              lastError: null,
              leaseOwner: null,
              leaseUntil: null,
              createdAt: now,
            }),
          ),
        );
      }
    }
    return (await insertIgnoringConflicts(em, this.deps.db.kind, FollowupTask, rows)).size;
  }
}

/** The staff member each customer added last (of relations still open). */
async function ownersOf(em: EntityManager, customerIds: string[]): Promise<Map<string, string>> {
  if (customerIds.length === 0) return new Map();
  const follows = await em.find(CustomerFollow, {
    where: { customerId: In([...new Set(customerIds)]), status: In(["active", "pending"]) },
    select: { customerId: true, staffUserId: true, addedAt: true },
    order: { addedAt: "ASC" },
  });
  return new Map(follows.map((f) => [f.customerId, f.staffUserId]));
}

/** Reads the enabled plans of the given triggers (cached per instance) for one transaction to schedule with. */
export async function plansFor(deps: { db: Database; calendar: WorkingCalendar; followups: { plans: FollowupPlans } }, kinds: TriggerKind[]): Promise<TriggeredPlans> {
  const plans = (await Promise.all(kinds.map((k) => deps.followups.plans.enabledFor(k)))).flat();
  return new TriggeredPlans(plans, deps);
}
