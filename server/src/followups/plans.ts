import { FollowupPlanInput, type FollowupPlanView, type TriggerKind } from "@scrm/shared";
import type { z } from "zod";
import type { AppDeps } from "../deps";
import { affectedRows } from "../db/database";
import { insertIgnoringConflicts } from "../db/insertIgnoring";
import { CouponStock } from "../coupons/stock.entity";
import { Channel } from "../channels/channel.entity";
import { Conflict, NotFound, ValidationFailed } from "../http/errors";
import { newId } from "../platform/ids";
import { TtlCache } from "../platform/ttlCache";
import { DEFAULT_PLANS } from "./defaults";
import { FollowupPlan } from "./plan.entity";

type PlanInput = z.output<typeof FollowupPlanInput>;
type PlanDeps = Pick<AppDeps, "db" | "clock" | "config">;

/** Enabled plans of a trigger, as this instance last read them: an edit reaches other instances within this time. */
const PLAN_CACHE_MS = 5_000;

export function presentPlan(plan: FollowupPlan): FollowupPlanView {
  return {
    id: plan.id,
    key: plan.key,
    name: plan.name,
    trigger: plan.trigger,
    steps: plan.steps,
    enabled: plan.enabled,
    version: plan.version,
    updatedAt: plan.updatedAt.toISOString(),
  };
}

/** Managers' plans: the defaults seeded once, edits as new versions, and the enabled plans per trigger. */
export class FollowupPlans {
  private readonly byTrigger = new TtlCache<TriggerKind, FollowupPlan[]>(PLAN_CACHE_MS, 100);

  constructor(private readonly deps: PlanDeps) {}

  /** Seeds the default plans a database lacks (every instance at start; a seeded plan is never seeded again). */
  async ensureDefaults(): Promise<void> {
    const { db, clock } = this.deps;
    const now = clock.now();
    // A millisecond apart, so the list keeps the playbook's order.
    const rows = Object.entries(DEFAULT_PLANS).map(([key, input], i) => {
      const at = new Date(now.getTime() + i);
      return this.row(newId(), key, FollowupPlanInput.parse(input), 1, at, at);
    });
    await db.transaction((em) => insertIgnoringConflicts(em, db.kind, FollowupPlan, rows));
  }

  /** The enabled plans a trigger starts. */
  enabledFor(kind: TriggerKind): Promise<FollowupPlan[]> {
    return this.byTrigger.get(kind, (triggerKind) => this.deps.db.manager.find(FollowupPlan, { where: { triggerKind, enabled: true }, order: { createdAt: "ASC" } }));
  }

  list(): Promise<FollowupPlan[]> {
    return this.deps.db.manager.find(FollowupPlan, { order: { createdAt: "ASC" } });
  }

  async get(id: string): Promise<FollowupPlan> {
    const plan = await this.deps.db.manager.findOneBy(FollowupPlan, { id });
    if (!plan) throw NotFound("Plan");
    return plan;
  }

  async create(input: PlanInput): Promise<FollowupPlan> {
    await this.check(input);
    const now = this.deps.clock.now();
    const plan = this.row(newId(), null, input, 1, now, now);
    await this.deps.db.manager.insert(FollowupPlan, plan);
    this.byTrigger.delete(plan.triggerKind);
    return plan;
  }

  /**
   * A changed trigger, name or steps make a new version: tasks scheduled by the old one stop when
   * due (`plan_replaced`) unless their step opts out of that condition. Turning the plan off or on
   * keeps the version (while off, its due tasks stop). Of two managers saving at once, the second
   * is told to reload.
   */
  async update(id: string, input: PlanInput): Promise<FollowupPlan> {
    const current = await this.get(id);
    await this.check(input);
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const edited = current.name !== input.name || !same(current.trigger, input.trigger) || !same(current.steps, input.steps);
    const next = this.row(id, current.key, input, current.version + (edited ? 1 : 0), current.createdAt, this.deps.clock.now());
    const changed = await this.deps.db.transaction((em) =>
      affectedRows(em, "UPDATE followup_plan SET name = ?, trigger_kind = ?, trigger_def = ?, steps = ?, enabled = ?, version = ?, updated_at = ? WHERE id = ? AND version = ? AND updated_at = ?", [
        next.name,
        next.triggerKind,
        JSON.stringify(next.trigger),
        JSON.stringify(next.steps),
        next.enabled,
        next.version,
        next.updatedAt.getTime(),
        id,
        current.version,
        current.updatedAt.getTime(),
      ]),
    );
    if (changed !== 1) throw Conflict("The plan was changed meanwhile; reload it");
    this.byTrigger.delete(current.triggerKind);
    this.byTrigger.delete(next.triggerKind);
    return next;
  }

  /** What the schema cannot know: the stocks and channel a plan names exist, subscribe steps name a configured template. */
  private async check(input: PlanInput): Promise<void> {
    const problems: { path: string; message: string }[] = [];
    const { db, config } = this.deps;
    const trigger = input.trigger;
    if ((trigger.kind === "coupon_claimed" || trigger.kind === "coupon_redeemed") && trigger.stockId && !(await db.manager.existsBy(CouponStock, { id: trigger.stockId }))) {
      problems.push({ path: "trigger.stockId", message: "no such coupon stock" });
    }
    if (trigger.kind === "customer_added" && trigger.channelId && !(await db.manager.existsBy(Channel, { id: trigger.channelId }))) {
      problems.push({ path: "trigger.channelId", message: "no such channel" });
    }
    for (const [i, step] of input.steps.entries()) {
      if (step.grantStockId && !(await db.manager.existsBy(CouponStock, { id: step.grantStockId }))) problems.push({ path: `steps.${i}.grantStockId`, message: "no such coupon stock" });
      if (step.channel === "subscribe_message" && !(step.subscribeTemplate && step.subscribeTemplate in config.miniapp.subscribeTemplates)) {
        problems.push({ path: `steps.${i}.subscribeTemplate`, message: `one of: ${Object.keys(config.miniapp.subscribeTemplates).join(", ")}` });
      }
      if (step.channel !== "subscribe_message" && step.subscribeTemplate) problems.push({ path: `steps.${i}.subscribeTemplate`, message: "only subscribe messages have a template" });
    }
    if (problems.length > 0) throw ValidationFailed(problems);
  }

  private row(id: string, key: string | null, input: PlanInput, version: number, createdAt: Date, updatedAt: Date): FollowupPlan {
    return Object.assign(new FollowupPlan(), {
      id,
      key,
      name: input.name,
      triggerKind: input.trigger.kind,
      trigger: input.trigger,
      steps: input.steps,
      enabled: input.enabled,
      version,
      createdAt,
      updatedAt,
    });
  }
}
