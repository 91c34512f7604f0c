import request from "supertest";
import type { FollowupPlanInput, FollowupTrigger } from "@scrm/shared";
import { bearerOf } from "../../helpers/coupons";
import { contactThrough, startFollowupWorld, type FollowupWorld } from "../../helpers/followups";
import { buildMaterial, shareOf } from "../../helpers/materials";
import { newDevice, sendEvent } from "../../helpers/tracking";
import { scheduleInactive } from "../../../server/src/followups/inactivity";
import { FollowupTask } from "../../../server/src/followups/task.entity";
import { DAY_MS, HOUR_MS } from "../../../server/src/platform/clock";

let world: FollowupWorld;

beforeAll(async () => {
  world = await startFollowupWorld();
});
afterAll(async () => {
  await world.app.deps.materials.idle();
  await world.app.close();
});

/** A plan of one staff task, due at once, that nothing stops. */
async function planOn(name: string, trigger: FollowupTrigger): Promise<string> {
  const input: FollowupPlanInput = { name, trigger, steps: [{ delay: { amount: 0, unit: "minutes" }, channel: "staff_task", template: `{customerName}：${name}`, stopWhen: [] }] };
  const res = await request(world.app.url).post("/api/followup-plans").set(bearerOf(world.manager)).send(input);
  expect(res.status).toBe(201);
  return res.body.plan.id as string;
}

const tasksOf = (planId: string, customerId: string) => world.app.deps.db.manager.findBy(FollowupTask, { planId, customerId });
const messagesWith = (text: string) => world.app.deps.wecomSimulator!.messages().filter((m) => JSON.stringify(m.content).includes(text));

test("a second read of a material, turning hot and three quiet days each start their plans once", async () => {
  const { app } = world;
  app.deps.clock.set(new Date("2026-11-26T02:00:00Z"));
  const viewedTwice = await planOn("第二次阅读", { kind: "material_viewed", times: 2 });
  const turnedHot = await planOn("升温", { kind: "score_hot" });
  const quiet = await planOn("三天未互动", { kind: "inactive", days: 3 });
  expect((await request(app.url).put("/api/lead-scoring").set(bearerOf(world.manager)).send({ behaviour: { view: 30 }, hotAt: 50, warmAt: 15 })).status).toBe(200);

  const customer = await contactThrough(app, world.state, "沈默");
  const material = await buildMaterial(app, world.manager, { title: "新品手册" });
  const { token } = await shareOf(app, world.lina, material.id);
  const device = newDevice();
  const read = async () => {
    expect((await sendEvent(app, token, { kind: "view", deviceId: device }, { session: customer.token })).status).toBe(200);
    await app.deps.materials.idle();
  };

  await read();
  expect(await tasksOf(viewedTwice, customer.customerId)).toEqual([]);
  expect(await tasksOf(turnedHot, customer.customerId)).toEqual([]);
  await read();
  await read();
  expect((await tasksOf(viewedTwice, customer.customerId)).map((t) => t.occurrence)).toEqual([`viewed:${material.id}:2`]);
  expect(await tasksOf(turnedHot, customer.customerId)).toHaveLength(1);

  await world.queue.tick();
  expect(messagesWith("沈默：第二次阅读")).toHaveLength(1);
  expect(messagesWith("沈默：升温")).toHaveLength(1);
  expect(messagesWith("沈默：升温")[0].userid).toBe(customer.staffUserId);

  // Nothing the customer does for three days: the hourly check starts the plan, once.
  app.deps.clock.advance(2 * DAY_MS);
  await scheduleInactive(app.deps);
  expect(await tasksOf(quiet, customer.customerId)).toEqual([]);
  app.deps.clock.advance(DAY_MS + HOUR_MS);
  await scheduleInactive(app.deps);
  await scheduleInactive(app.deps);
  expect(await tasksOf(quiet, customer.customerId)).toHaveLength(1);
  await world.queue.tick();
  expect(messagesWith("沈默：三天未互动")).toHaveLength(1);
});
