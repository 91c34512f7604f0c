import type Router from "@koa/router";
import { ClockAdvanceRequest, ContactedRequest, FollowupPlanInput, OptOutRequest } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { CustomerFollow } from "../customers/follow.entity";
import { addTimeline } from "../customers/timeline";
import { NotFound } from "../http/errors";
import { parseBody } from "../http/validate";
import { HOUR_MS } from "../platform/clock";
import { recordContacts } from "./contacts";
import { FollowupOptOut } from "./plan.entity";
import { presentPlan } from "./plans";
import { FollowupQueue } from "./queue";
import { followupsOf, myTasksToday, planResults } from "./tasks";

/** Plans (managers), today's tasks and first contacts (staff), opting out (customers), and the sandbox clock. */
export function followupRoutes(router: Router, deps: AppDeps): void {
  const { allow, db, clock } = deps;
  const plans = deps.followups.plans;
  const queue = new FollowupQueue(deps);

  router.get("/api/followup-plans", allow("manager"), async (ctx) => {
    ctx.body = { plans: (await plans.list()).map(presentPlan) };
  });
  router.post("/api/followup-plans", allow("manager"), async (ctx) => {
    ctx.status = 201;
    ctx.body = { plan: presentPlan(await plans.create(parseBody(ctx, FollowupPlanInput))) };
  });
  router.put("/api/followup-plans/:id", allow("manager"), async (ctx) => {
    ctx.body = { plan: presentPlan(await plans.update(ctx.params.id, parseBody(ctx, FollowupPlanInput))) };
  });
  router.get("/api/followup-plans/:id/results", allow("manager"), async (ctx) => {
    ctx.body = await planResults(deps, ctx.params.id);
  });

  router.get("/api/my-tasks", allow("staff", "manager"), async (ctx) => {
    ctx.body = { tasks: await myTasksToday(deps, ctx.state.user!.id, queue.rules.dayStart(clock.now())) };
  });
  router.get("/api/customers/:id/followups", allow("staff", "manager"), async (ctx) => {
    ctx.body = { tasks: await followupsOf(deps, ctx.state.user!, ctx.params.id) };
  });
  /** WeCom does not report a staff member's reply: they say they reached the customer (the lead response is met). */
  router.post("/api/customers/:id/contacted", allow("staff"), async (ctx) => {
    const { note } = parseBody(ctx, ContactedRequest);
    const staffUserId = ctx.state.user!.id;
    const customerId = ctx.params.id;
    if (!(await db.manager.existsBy(CustomerFollow, { customerId, staffUserId }))) throw NotFound("Customer");
    const at = clock.now();
    await db.transaction(async (em) => {
      await recordContacts(em, db.kind, [{ customerId, staffUserId, at, via: "marked" }]);
      await addTimeline(em, customerId, "contacted", at, { staffUserId, ...(note ? { note } : {}) });
    });
    ctx.body = { contactedAt: at.toISOString() };
  });

  router.get("/api/followups/opt-out", allow("customer"), async (ctx) => {
    ctx.body = { optedOut: await db.manager.existsBy(FollowupOptOut, { customerId: ctx.state.user!.id }) };
  });
  router.post("/api/followups/opt-out", allow("customer"), async (ctx) => {
    const { optedOut } = parseBody(ctx, OptOutRequest);
    const customerId = ctx.state.user!.id;
    const at = clock.now();
    await db.transaction(async (em) => {
      if (optedOut) await em.upsert(FollowupOptOut, { customerId, at }, ["customerId"]);
      else await em.delete(FollowupOptOut, { customerId });
      await addTimeline(em, customerId, optedOut ? "opted_out" : "opted_in", at);
    });
    ctx.body = { optedOut };
  });

  if (deps.config.sandbox) {
    router.get("/api/sandbox/clock", allow("public"), (ctx) => {
      ctx.body = { now: clock.now().toISOString() };
    });
    /** Moves business time on and delivers what fell due, as the next tick would. */
    router.post("/api/sandbox/clock", allow("public"), async (ctx) => {
      const { hours } = parseBody(ctx, ClockAdvanceRequest);
      clock.advance(hours * HOUR_MS);
      const delivered = await queue.tick();
      ctx.body = { now: clock.now().toISOString(), delivered };
    });
  }
}
