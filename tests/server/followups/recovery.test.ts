import { after, claimed, contactThrough, messagesTo, planByKey, startFollowupWorld, tasksOf, type FollowupWorld } from "../../helpers/followups";
import { customerLink } from "../../../server/src/followups/deliver";
import { FollowupTask } from "../../../server/src/followups/task.entity";
import { plansFor } from "../../../server/src/followups/triggers";
import { JobLease } from "../../../server/src/platform/jobLease";
import { HOUR_MS } from "../../../server/src/platform/clock";

let world: FollowupWorld;

beforeAll(async () => {
  world = await startFollowupWorld();
});
afterAll(() => world.app.close());

const sim = () => world.app.deps.wecomSimulator!;

/**
 * What an instance killed mid-delivery leaves behind: the task leased (a lease that has run out by
 * now), marked `sending` with its text, and — when `called` — the platform call made.
 */
async function crashWhileSending(task: FollowupTask, text: string, call?: () => Promise<unknown>): Promise<void> {
  const { db } = world.app.deps;
  const lease = new JobLease(db, { table: "followup_task", where: "id = :id" });
  const [held] = await lease.claim({ owner: "killed-instance", leaseMs: 1, limit: 1, params: { id: task.id } });
  expect(held).toBeDefined();
  await db.manager.update(FollowupTask, { id: task.id }, { state: "sending", text, sendingAt: new Date(), attempts: 1 });
  await call?.();
  await new Promise((r) => setTimeout(r, 5)); // the lease runs out
}

async function dueReminder(name: string) {
  const { app } = world;
  app.deps.clock.set(new Date("2026-11-26T02:00:00Z"));
  const contact = await contactThrough(app, world.state, name);
  await claimed(app, contact.token, world.stock.id);
  app.deps.clock.advance(72 * HOUR_MS);
  const [task] = await tasksOf(app, contact.customerId, "claimed_not_redeemed");
  const text = `${name}您好，您领取的「到店满100减10」还没有使用哦，到店出示即可抵扣，有任何问题随时找我～`;
  return { contact, task, text };
}

test("a crash after WeCom made the customer message: found at WeCom, marked sent, never sent again", async () => {
  const { contact, task, text } = await dueReminder("冯晓");
  await crashWhileSending(task, text, () => world.app.deps.wecom.groupMessages.add({ external_userid: [contact.externalUserId], sender: contact.staffUserId, text: { content: text } }));
  expect(messagesTo(world.app, contact.externalUserId)).toHaveLength(1);

  await world.queue.tick();
  const [made] = messagesTo(world.app, contact.externalUserId);
  expect(await world.app.deps.db.manager.findOneByOrFail(FollowupTask, { id: task.id })).toMatchObject({ state: "sent", result: made.msgid, reason: "reconciled: found at WeCom" });
  await after(world, 1);
  expect(messagesTo(world.app, contact.externalUserId)).toHaveLength(1);
});

test("a crash before the call reached WeCom: not found there, so sent once", async () => {
  const { contact, task, text } = await dueReminder("褚云");
  await crashWhileSending(task, text);
  await world.queue.tick(); // unknown → looked up → absent → pending
  expect(messagesTo(world.app, contact.externalUserId)).toHaveLength(0);
  expect(await world.app.deps.db.manager.findOneByOrFail(FollowupTask, { id: task.id })).toMatchObject({ state: "pending", reason: "reconciled: not at WeCom, sending again" });
  await world.queue.tick();
  await world.queue.tick();
  const sent = messagesTo(world.app, contact.externalUserId);
  expect(sent.map((m) => m.text?.content)).toEqual([text]);
  expect(await world.app.deps.db.manager.findOneByOrFail(FollowupTask, { id: task.id })).toMatchObject({ state: "sent", result: sent[0].msgid });
});

test("a crash after a staff task's app message: sent again under WeCom's duplicate check, so it arrives once", async () => {
  const { app } = world;
  app.deps.clock.set(new Date("2026-11-26T02:00:00Z"));
  const contact = await contactThrough(app, world.state, "卫东");
  app.deps.clock.advance(2 * HOUR_MS);
  const [task] = await tasksOf(app, contact.customerId, "lead_response");
  const text = "新客户卫东已等待 2 个工作小时，请尽快联系并点「已联系」。";
  const plan = await planByKey(app, "lead_response");
  await crashWhileSending(task, text, () =>
    app.deps.wecom.appMessages.send({
      touser: [contact.staffUserId],
      msgtype: "textcard",
      textcard: { title: `跟进任务：${plan.name}`, description: text, url: customerLink(app.deps, task), btntxt: "查看客户" },
    }),
  );
  await world.queue.tick();
  const arrived = sim().messages().filter((m) => JSON.stringify(m.content).includes(text));
  expect(arrived).toHaveLength(1);
  expect(arrived[0].userid).toBe(contact.staffUserId);
  expect(await app.deps.db.manager.findOneByOrFail(FollowupTask, { id: task.id })).toMatchObject({ state: "done", reason: "reconciled: sent again under WeCom's duplicate check" });
});

test("a trigger delivered twice schedules once: a repeated WeCom add event, and the same occurrence scheduled again", async () => {
  const { app } = world;
  app.deps.clock.set(new Date("2026-11-26T02:00:00Z"));
  sim().injectCallbackFaults({ duplicate: 1 });
  const contact = await contactThrough(app, world.state, "蒋勤");
  await app.deps.inboxWorker.tick();
  expect(sim().callbacks().filter((c) => JSON.stringify(c.fields).includes(contact.externalUserId) && c.deliveries.length === 2)).toHaveLength(1);
  expect((await tasksOf(app, contact.customerId, "lead_response")).map((t) => t.step)).toEqual([0, 1]);

  const plans = await plansFor(app.deps, ["customer_added"]);
  const again = { kind: "customer_added" as const, customerId: contact.customerId, staffUserId: contact.staffUserId, key: "add:same", at: app.deps.clock.now() };
  expect(await app.deps.db.transaction((em) => plans.schedule(em, [again], new Date()))).toBe(2);
  expect(await app.deps.db.transaction((em) => plans.schedule(em, [again, again], new Date()))).toBe(0);
});
