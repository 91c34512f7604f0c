import request from "supertest";
import type { FollowupPlanView } from "@scrm/shared";
import { bearerOf, buildStock } from "../../helpers/coupons";
import { after, claimed, contactThrough, messagesTo, planByKey, startFollowupWorld, tasksOf, type FollowupWorld } from "../../helpers/followups";
import { loggedInCustomer, subscribeOnPage } from "../../helpers/subscriptions";
import { FollowupPlan } from "../../../server/src/followups/plan.entity";

let world: FollowupWorld;

beforeAll(async () => {
  world = await startFollowupWorld();
});
afterAll(() => world.app.close());

const api = () => request(world.app.url);
const asManager = () => bearerOf(world.manager);
const viewOf = async (key: string) => ((await api().get("/api/followup-plans").set(asManager())).body.plans as FollowupPlanView[]).find((p) => p.key === key)!;
const inputOf = (p: FollowupPlanView) => ({ name: p.name, trigger: p.trigger, steps: p.steps, enabled: p.enabled });

test("the default plans are seeded once, and only managers read and edit plans", async () => {
  const list = await api().get("/api/followup-plans").set(asManager());
  expect(list.body.plans.map((p: FollowupPlanView) => p.key)).toEqual(["claimed_not_redeemed", "after_purchase", "coupon_expiring", "lead_response"]);
  const afterPurchase = list.body.plans[1] as FollowupPlanView;
  expect(afterPurchase.steps.map((s) => `${s.delay.amount} ${s.delay.unit}`)).toEqual(["48 hours", "7 days", "14 days", "30 days"]);
  await world.app.deps.followups.plans.ensureDefaults();
  expect(await world.app.deps.db.manager.count(FollowupPlan)).toBe(4);
  expect((await api().get("/api/followup-plans").set(bearerOf(world.lina))).status).toBe(403);
  expect((await api().put(`/api/followup-plans/${afterPurchase.id}`).set(bearerOf(world.lina)).send(inputOf(afterPurchase))).status).toBe(403);
});

test("bad plans are refused whole with each problem named, and nothing changes", async () => {
  const plan = await viewOf("claimed_not_redeemed");
  const bad = {
    ...inputOf(plan),
    trigger: { kind: "coupon_claimed", stockId: "no-such-stock" },
    steps: [
      { delay: { amount: 1, unit: "hours" }, channel: "customer_message", template: "您好{nickname}" },
      { delay: { amount: 2, unit: "hours" }, channel: "subscribe_message", template: "提醒" },
      { delay: { amount: 3, unit: "fortnights" }, channel: "staff_task", template: "跟进" },
    ],
  };
  const shape = await api().put(`/api/followup-plans/${plan.id}`).set(asManager()).send(bad);
  expect(shape.status).toBe(422);
  expect(shape.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(["steps.0.template", "steps.2.delay.unit"]));
  const facts = await api().put(`/api/followup-plans/${plan.id}`).set(asManager()).send({ ...bad, steps: bad.steps.slice(0, 2).map((s, i) => (i === 0 ? { ...s, template: "您好{customerName}" } : s)) });
  expect(facts.status).toBe(422);
  expect(facts.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["steps.1.subscribeTemplate", "trigger.stockId"]);
  expect((await api().put("/api/followup-plans/no-such-plan").set(asManager()).send(inputOf(plan))).status).toBe(404);
  expect(await viewOf("claimed_not_redeemed")).toEqual(plan);
});

test("an edit is a new version: steps scheduled before stop when due, new triggers follow the new steps", async () => {
  const { app } = world;
  app.deps.clock.set(new Date("2026-11-26T02:00:00Z"));
  const before = await contactThrough(app, world.state, "秦风");
  await claimed(app, before.token, world.stock.id);

  const plan = await viewOf("claimed_not_redeemed");
  const edited = await api()
    .put(`/api/followup-plans/${plan.id}`)
    .set(asManager())
    .send({ ...inputOf(plan), steps: [{ ...plan.steps[0], delay: { amount: 48, unit: "hours" }, template: "{customerName}，您的{coupon}还在等您～" }] });
  expect(edited.status).toBe(200);
  expect(edited.body.plan).toMatchObject({ version: 2 });
  const later = await contactThrough(app, world.state, "许晴");
  await claimed(app, later.token, world.stock.id);

  await after(world, 48);
  const [laterMessage] = messagesTo(app, later.externalUserId);
  expect(laterMessage.text?.content).toBe("许晴，您的到店满100减10还在等您～");
  app.deps.wecomSimulator!.confirmGroupMessage({ msgid: laterMessage.msgid });
  await after(world, 24);
  expect(messagesTo(app, before.externalUserId)).toHaveLength(0);
  expect((await tasksOf(app, before.customerId, "claimed_not_redeemed"))[0]).toMatchObject({ state: "stopped", reason: "plan_replaced" });

  // Turned off (the same version): nothing new is scheduled, and what falls due meanwhile stops.
  const waiting = await contactThrough(app, world.state, "何畅");
  await claimed(app, waiting.token, world.stock.id);
  const off = await api().put(`/api/followup-plans/${plan.id}`).set(asManager()).send({ ...inputOf(edited.body.plan), enabled: false });
  expect(off.body.plan).toMatchObject({ version: 2, enabled: false });
  const pending = await contactThrough(app, world.state, "尤佳");
  await claimed(app, pending.token, world.stock.id);
  expect(await tasksOf(app, pending.customerId, "claimed_not_redeemed")).toEqual([]);
  await after(world, 48);
  expect((await tasksOf(app, waiting.customerId, "claimed_not_redeemed"))[0]).toMatchObject({ state: "stopped", reason: "plan_off" });
  // On again, still version 2: tasks scheduled before it was off go on being sent.
  const on = await api().put(`/api/followup-plans/${plan.id}`).set(asManager()).send({ ...inputOf(edited.body.plan), enabled: true });
  expect(on.body.plan).toMatchObject({ version: 2, enabled: true });

  const results = await api().get(`/api/followup-plans/${plan.id}/results`).set(asManager());
  expect(results.body).toMatchObject({ planId: plan.id, sent: 1, stopped: 2 });
  expect(results.body.scheduled).toBe(results.body.steps.reduce((a: number, s: { scheduled: number }) => a + s.scheduled, 0));
});

test("a coupon about to expire sends the subscribe message a customer granted, once; without a grant it fails with the reason", async () => {
  const { app } = world;
  app.deps.clock.set(new Date("2026-11-26T02:00:00Z"));
  const shortLived = await buildStock(app, world.manager, world.campaignId, { name: "三日券", validity: { kind: "days_after_claim", days: 3 } });
  const granted = await loggedInCustomer(app);
  expect((await subscribeOnPage(app, granted, ["coupon_expiring"])).status).toBe(200);
  const stranger = await loggedInCustomer(app);
  await claimed(app, granted.token, shortLived.id);
  await claimed(app, stranger.token, shortLived.id);
  const [task] = await tasksOf(app, granted.customerId, "coupon_expiring");
  expect(task.dueAt.getTime() - app.deps.clock.now().getTime()).toBeGreaterThan(47.9 * 3_600_000);

  await after(world, 48);
  const delivered = app.deps.miniappSimulator!.subscribeMessages().filter((m) => m.openid === granted.openid);
  expect(delivered).toHaveLength(1);
  expect(delivered[0].data).toEqual({ thing1: { value: "您的「三日券」明天到期" } });
  expect((await tasksOf(app, granted.customerId, "coupon_expiring"))[0]).toMatchObject({ state: "done" });
  expect((await tasksOf(app, stranger.customerId, "coupon_expiring"))[0]).toMatchObject({ state: "failed", reason: "no_grant" });
  await after(world, 1);
  expect(app.deps.miniappSimulator!.subscribeMessages().filter((m) => m.openid === granted.openid)).toHaveLength(1);
  expect(await planByKey(app, "coupon_expiring")).toMatchObject({ version: 1 });
});
