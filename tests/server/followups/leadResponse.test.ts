import request from "supertest";
import { bearerOf, sandboxLogin } from "../../helpers/coupons";
import { after, contactThrough, startFollowupWorld, tasksOf, type FollowupWorld } from "../../helpers/followups";
import { DEMO } from "../../../server/src/sandbox/wecom/demoCorp";

let world: FollowupWorld;
const sessions: Record<string, string> = {};

beforeAll(async () => {
  world = await startFollowupWorld();
  for (const userId of ["LiNa", "WangFang"]) sessions[userId] = await sandboxLogin(world.app, "staff", userId);
});
afterAll(() => world.app.close());

/** Business time runs on while a test runs: compare to the minute. */
const minuteOf = (at: Date) => at.toISOString().slice(0, 16);
const sim = () => world.app.deps.wecomSimulator!;
const messagesFor = (userid: string, text: string) => sim().messages().filter((m) => m.userid === userid && JSON.stringify(m.content).includes(text));

test("a new lead not contacted within 2 working hours reminds its staff member, then the manager", async () => {
  const { app } = world;
  app.deps.clock.set(new Date("2026-11-26T02:00:00Z")); // Thursday 10:00
  const lead = await contactThrough(app, world.state, "韩梅");
  const [reminder, escalation] = await tasksOf(app, lead.customerId, "lead_response");
  expect([minuteOf(reminder.dueAt), minuteOf(escalation.dueAt)]).toEqual(["2026-11-26T04:00", "2026-11-26T05:00"]);

  await after(world, 1.9);
  expect(messagesFor(lead.staffUserId, "韩梅")).toHaveLength(0);
  await after(world, 0.1);
  expect(messagesFor(lead.staffUserId, "新客户韩梅已等待 2 个工作小时")).toHaveLength(1);
  const mine = await request(app.url).get("/api/my-tasks").set(bearerOf(sessions[lead.staffUserId]));
  expect(mine.body.tasks).toEqual(expect.arrayContaining([expect.objectContaining({ customerName: "韩梅", state: "done", channel: "staff_task" })]));

  await after(world, 1);
  expect(messagesFor(DEMO.manager, "的新客户韩梅超过响应时限仍未联系")).toHaveLength(1);
  expect((await tasksOf(app, lead.customerId, "lead_response")).map((t) => t.state)).toEqual(["done", "done"]);
});

test("a staff member who marks the lead contacted is not reminded, and the manager is not told", async () => {
  const { app } = world;
  app.deps.clock.set(new Date("2026-11-26T02:00:00Z"));
  const lead = await contactThrough(app, world.state, "李雷");
  const contacted = await request(app.url).post(`/api/customers/${lead.customerId}/contacted`).set(bearerOf(sessions[lead.staffUserId])).send({ note: "电话沟通过" });
  expect(contacted.status).toBe(200);
  const other = lead.staffUserId === "LiNa" ? "WangFang" : "LiNa";
  expect((await request(app.url).post(`/api/customers/${lead.customerId}/contacted`).set(bearerOf(sessions[other])).send({})).status).toBe(404);

  await after(world, 3);
  expect(messagesFor(lead.staffUserId, "李雷")).toHaveLength(0);
  expect(messagesFor(DEMO.manager, "李雷")).toHaveLength(0);
  expect((await tasksOf(app, lead.customerId, "lead_response")).map((t) => [t.state, t.reason])).toEqual([
    ["stopped", "contacted"],
    ["stopped", "contacted"],
  ]);
});

test("the deadline counts working hours: a lead at 17:30 on Friday is due at 10:30 on Monday", async () => {
  const { app } = world;
  app.deps.clock.set(new Date("2026-11-27T09:30:00Z")); // Friday 17:30
  const lead = await contactThrough(app, world.state, "周末来的客户");
  const [reminder] = await tasksOf(app, lead.customerId, "lead_response");
  expect(minuteOf(reminder.dueAt)).toBe("2026-11-30T02:30");
});
