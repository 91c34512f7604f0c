import request from "supertest";
import { bearerOf } from "../../helpers/coupons";
import { after, contactThrough, startFollowupWorld, tasksOf, type FollowupWorld } from "../../helpers/followups";
import { CustomerFollow } from "../../../server/src/customers/follow.entity";
import { TimelineEntry } from "../../../server/src/customers/timeline.entity";
import { DEMO } from "../../../server/src/sandbox/wecom/demoCorp";

let world: FollowupWorld;

beforeAll(async () => {
  world = await startFollowupWorld();
});
afterAll(() => world.app.close());

const sim = () => world.app.deps.wecomSimulator!;
const reassign = (customerId: string, body: object, session = world.manager) => request(world.app.url).post(`/api/customers/${customerId}/reassign`).set(bearerOf(session)).send(body);

test("an unanswered lead is handed to another staff member through WeCom, whose response deadline starts at the takeover", async () => {
  const { app } = world;
  app.deps.clock.set(new Date("2026-11-26T02:00:00Z"));
  const lead = await contactThrough(app, world.state, "乔安");
  await after(world, 3); // the staff member was reminded, then the manager
  expect(sim().messages().filter((m) => m.userid === DEMO.manager && JSON.stringify(m.content).includes("乔安"))).toHaveLength(1);

  const to = lead.staffUserId === "LiNa" ? "WangFang" : "LiNa";
  const res = await reassign(lead.customerId, { staffUserId: to, message: "您好，后续由我的同事为您服务" });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ fromStaffUserId: lead.staffUserId, staffUserId: to });
  const [waiting] = (await app.deps.wecom.customers.transferResult({ handover_userid: lead.staffUserId, takeover_userid: to })).customer;
  expect(waiting).toMatchObject({ external_userid: lead.externalUserId, status: 2 });
  // A second request while WeCom waits is refused by WeCom, and nothing is recorded for it.
  expect((await reassign(lead.customerId, { staffUserId: to })).status).toBe(409);

  // WeCom's 24 hours pass: the new staff member has the customer, the old relation ended by the transfer.
  await sim().transfersTakeOver();
  await app.deps.inboxWorker.tick();
  const follows = await app.deps.db.manager.findBy(CustomerFollow, { customerId: lead.customerId });
  expect(Object.fromEntries(follows.map((f) => [f.staffUserId, f.status]))).toEqual({ [lead.staffUserId]: "removed", [to]: "active" });
  const reminders = (await tasksOf(app, lead.customerId, "lead_response")).filter((t) => t.staffUserId === to);
  expect(reminders.map((t) => t.step)).toEqual([0, 1]);
  const timeline = await app.deps.db.manager.findBy(TimelineEntry, { customerId: lead.customerId, kind: "reassigning" });
  expect(timeline.map((t) => JSON.parse(t.data))).toEqual([{ fromStaffUserId: lead.staffUserId, staffUserId: to, by: DEMO.manager }]);
});

test("only managers reassign, to an active staff member who is not already the customer's", async () => {
  const { app } = world;
  const lead = await contactThrough(app, world.state, "纪平");
  expect((await reassign(lead.customerId, { staffUserId: "WangFang" }, world.lina)).status).toBe(403);
  expect((await reassign(lead.customerId, { staffUserId: lead.staffUserId })).body.error.details).toEqual([{ path: "staffUserId", message: expect.any(String) }]);
  expect((await reassign(lead.customerId, { staffUserId: "NoSuchStaff" })).status).toBe(422);
  expect((await reassign(lead.customerId, { staffUserId: "ZhaoMin", fromStaffUserId: "NoSuchStaff" })).body.error.details[0].path).toBe("fromStaffUserId");
  expect((await reassign("00000000-0000-0000-0000-000000000000", { staffUserId: "WangFang" })).status).toBe(404);
  expect(sim().transfers().filter((t) => t.external_userid === lead.externalUserId)).toEqual([]);
});
