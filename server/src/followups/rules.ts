import { CUSTOMER_FACING, type FollowupStep, type StopCondition } from "@scrm/shared";
import { DAY_MS } from "../platform/clock";
import { fromWallTime, wallTime } from "../platform/zonedTime";
import type { DeliveryContext } from "./context";
import type { FollowupPlan } from "./plan.entity";
import type { FollowupTask } from "./task.entity";

/** What to do with a due task now. */
export type Verdict =
  | { kind: "deliver"; step: FollowupStep }
  | { kind: "stop"; reason: StopCondition | "plan_off" }
  | { kind: "wait"; until: Date; reason: "quiet_hours" | "daily_cap" };

export interface RuleSettings {
  timezone: string;
  quietStart: string;
  quietEnd: string;
  dailyCap: number;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The checks a due step passes when it is delivered, not only when it was scheduled: the plan is
 * still on and unchanged, no stop condition holds, and a customer-facing message is neither in
 * quiet hours nor over the customer's daily cap.
 */
export class DeliveryRules {
  private readonly quietStart: number;
  private readonly quietEnd: number;

  constructor(private readonly settings: RuleSettings) {
    this.quietStart = minutesOf(settings.quietStart);
    this.quietEnd = minutesOf(settings.quietEnd);
  }

  /** `sentToday`: customer-facing messages the customer got today so far (this batch's included). */
  verdict(task: FollowupTask, ctx: DeliveryContext, now: Date, sentToday: number): Verdict {
    const plan = ctx.plans.get(task.planId);
    if (!plan || !plan.enabled) return { kind: "stop", reason: "plan_off" };
    // A newer version's step of the same place applies (it stops on `plan_replaced` if it says so).
    const step = plan.steps[task.step];
    if (!step) return { kind: "stop", reason: "plan_replaced" };
    const stop = step.stopWhen.find((condition) => holds(condition, task, plan, ctx));
    if (stop) return { kind: "stop", reason: stop };
    if (!CUSTOMER_FACING.includes(step.channel)) return { kind: "deliver", step };
    const quietUntil = this.quietUntil(now);
    if (quietUntil) return { kind: "wait", until: quietUntil, reason: "quiet_hours" };
    if (sentToday >= this.settings.dailyCap) return { kind: "wait", until: this.nextMorning(now), reason: "daily_cap" };
    return { kind: "deliver", step };
  }

  /** When quiet hours end, if `at` is inside them. */
  quietUntil(at: Date): Date | undefined {
    const w = wallTime(at, this.settings.timezone);
    const minute = w.hour * 60 + w.minute;
    const wraps = this.quietStart > this.quietEnd; // 21:00–09:00 runs over midnight
    const quiet = wraps ? minute >= this.quietStart || minute < this.quietEnd : minute >= this.quietStart && minute < this.quietEnd;
    if (!quiet) return undefined;
    const endToday = this.atLocal(at, this.quietEnd);
    return endToday > at ? endToday : this.nextMorning(at);
  }

  /** The start of the customer's local day containing `at` (caps count from there). */
  dayStart(at: Date): Date {
    return this.atLocal(at, 0);
  }

  private nextMorning(at: Date): Date {
    return this.atLocal(new Date(at.getTime() + DAY_MS), this.quietEnd);
  }

  private atLocal(day: Date, minuteOfDay: number): Date {
    const w = wallTime(day, this.settings.timezone);
    return fromWallTime({ ...w, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60, second: 0 }, this.settings.timezone);
  }
}

function holds(condition: StopCondition, task: FollowupTask, plan: FollowupPlan, ctx: DeliveryContext): boolean {
  switch (condition) {
    case "redeemed":
      // The coupon a claim or expiry plan is about, or any purchase since the trigger.
      return (plan.triggerKind !== "coupon_redeemed" && ctx.claimRedeemed(task.claimId)) || ctx.redeemedSince(task.customerId, task.triggerAt);
    case "deleted_staff":
      return ctx.deletedStaff(task.customerId, task.staffUserId);
    case "opted_out":
      return ctx.optedOut(task.customerId);
    case "plan_replaced":
      return plan.version !== task.planVersion;
    case "contacted":
      return ctx.contacted(task.customerId, task.staffUserId);
  }
}
