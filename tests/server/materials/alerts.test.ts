import type { RunningSimulator } from "../../../server/src/sandbox/wecom";
import type { TestApp } from "../../helpers/app";
import { startAppWithWecom } from "../../helpers/appWithWecom";
import { buildMaterial, shareOf } from "../../helpers/materials";
import { namedCustomer, newDevice, sendEvent } from "../../helpers/tracking";
import { syncDirectory } from "../../../server/src/wecom/directory/sync";
import { MaterialAlert } from "../../../server/src/materials/alert.entity";
import { ALERTS_PER_MINUTE, MATERIAL_ALERT_DIGEST } from "../../../server/src/materials/alerts";
import { OutboxJob } from "../../../server/src/platform/outbox/outboxJob.entity";

/** WeCom counts its minute by the real clock: the simulator and our minute budget read this one, which the test moves. */
let wecomOffsetMs = 0;
const wecomNow = () => Date.now() + wecomOffsetMs;

let wecom: RunningSimulator;
let app: TestApp;
let manager: string;

beforeAll(async () => {
  ({ app, wecom } = await startAppWithWecom({}, { simulator: { now: wecomNow } }));
  app.deps.materials.alerts.now = wecomNow;
  await syncDirectory(app.deps);
  manager = (await app.deps.sessions.issue({ id: "ZhangWei", role: "manager", name: "张伟" })).token;
});
afterAll(async () => {
  await app.deps.materials.idle();
  await app.deps.outbox.idle();
  await app.close();
  await wecom.stop();
});

const staffSession = async (userid: string) => (await app.deps.sessions.issue({ id: userid, role: "staff", name: userid })).token;
/** App messages that reached the member (the simulator drops duplicates and a member's 31st message of a minute). */
const messagesTo = (userid: string) => wecom.simulator.messages().filter((m) => m.userid === userid).map((m) => ({ atMs: m.atMs, text: (m.content as { content: string }).content }));
/** Waits for the alert sends the last events kicked off. */
const settled = () => app.deps.outbox.idle();

test("the sharer is alerted at once, then at most once an hour per customer and material (forwards included)", async () => {
  const staff = await staffSession("LiNa");
  const material = await buildMaterial(app, manager, { title: "冬日暖心礼" });
  const { token } = await shareOf(app, staff, material.id);
  const wang = await namedCustomer(app, "王女士");
  const phone = newDevice();
  const about = () => messagesTo("LiNa").filter((m) => m.text.includes("《冬日暖心礼》"));

  await sendEvent(app, token, { kind: "view", deviceId: phone }, { session: wang.token });
  await settled();
  expect(about().map((m) => m.text)).toEqual(["王女士 打开了《冬日暖心礼》, 第1次, 停留 不到 1 分钟"]);

  for (let i = 0; i < 3; i++) await sendEvent(app, token, { kind: "heartbeat", deviceId: phone, dwellMs: 60_000 }, { session: wang.token });
  app.deps.clock.advance(30 * 60_000);
  await sendEvent(app, token, { kind: "view", deviceId: phone }, { session: wang.token });
  // Her forward to a friend, opened by herself again: still the same customer, material and staff member.
  const child = (await sendEvent(app, token, { kind: "share_intent", deviceId: phone }, { session: wang.token })).body.childToken as string;
  await sendEvent(app, child, { kind: "view", deviceId: phone }, { session: wang.token });
  app.deps.clock.advance(29 * 60_000);
  await sendEvent(app, token, { kind: "view", deviceId: phone }, { session: wang.token });
  await settled();
  expect(about()).toHaveLength(1);

  app.deps.clock.advance(2 * 60_000); // an hour and a minute since the alert
  await sendEvent(app, token, { kind: "view", deviceId: phone }, { session: wang.token });
  await settled();
  expect(about().map((m) => m.text)).toEqual(["王女士 打开了《冬日暖心礼》, 第1次, 停留 不到 1 分钟", "王女士 打开了《冬日暖心礼》, 第5次, 停留 3 分钟"]);

  // Anonymous readers, staff and bots alert nobody.
  await sendEvent(app, token, { kind: "view", deviceId: newDevice() });
  await sendEvent(app, token, { kind: "view", deviceId: newDevice() }, { session: staff });
  await sendEvent(app, token, { kind: "view", deviceId: newDevice() }, { session: (await namedCustomer(app, "爬虫")).token, ua: "curl/8.4.0" });
  await settled();
  expect(about()).toHaveLength(2);
  expect(await app.deps.db.manager.countBy(MaterialAlert, { materialId: material.id, state: "sent" })).toBe(2);
});

test("two customers without a name of their own get two alerts (WeCom's duplicate check would swallow identical texts)", async () => {
  const staff = await staffSession("LiuYang");
  const material = await buildMaterial(app, manager, { title: "新客专享" });
  const { token } = await shareOf(app, staff, material.id);
  const unnamed = await Promise.all([namedCustomer(app, "微信用户"), namedCustomer(app, "微信用户")]);
  for (const c of unnamed) await sendEvent(app, token, { kind: "view", deviceId: newDevice() }, { session: c.token });
  await settled();
  const texts = messagesTo("LiuYang").map((m) => m.text);
  expect(texts).toHaveLength(2);
  expect(texts[0]).toMatch(/^微信用户·[0-9a-f]{4} 打开了《新客专享》, 第1次, 停留 不到 1 分钟$/);
  expect(texts[0]).not.toBe(texts[1]);
});

test("a burst of alerts to one member stays within WeCom's 30 a minute; the rest arrive as one digest, none lost", async () => {
  const staff = await staffSession("WangFang");
  const material = await buildMaterial(app, manager, { title: "限时秒杀" });
  const { token } = await shareOf(app, staff, material.id);
  const customers = await Promise.all(Array.from({ length: 40 }, (_, i) => namedCustomer(app, `顾客${String(i).padStart(2, "0")}`)));

  const answers = await Promise.all(customers.map((c) => sendEvent(app, token, { kind: "view", deviceId: newDevice() }, { session: c.token })));
  expect(answers.every((r) => r.status === 200)).toBe(true);
  await settled();
  const firstMinute = messagesTo("WangFang");
  expect(firstMinute).toHaveLength(ALERTS_PER_MINUTE);
  expect(firstMinute.length).toBeLessThanOrEqual(30);
  expect(await app.deps.db.manager.countBy(MaterialAlert, { staffUserId: "WangFang", state: "pending" })).toBe(40 - ALERTS_PER_MINUTE);

  // A minute passes: WeCom's budget frees, and the outbox's timer for the digest fires.
  wecomOffsetMs += 61_000;
  await app.deps.db.transaction((em) => em.update(OutboxJob, { topic: MATERIAL_ALERT_DIGEST, state: "pending" }, { dueAt: new Date(0) }));
  await app.deps.outbox.tick();
  await settled();

  const all = messagesTo("WangFang");
  expect(all).toHaveLength(ALERTS_PER_MINUTE + 1);
  const digest = all[all.length - 1].text;
  expect(digest.split("\n")[0]).toBe(`${40 - ALERTS_PER_MINUTE} 条客户阅读提醒：`);
  for (const c of customers) {
    const name = (await app.deps.sessions.authenticate(c.token))!.name;
    expect(all.filter((m) => m.text.includes(`${name} 打开了《限时秒杀》`))).toHaveLength(1);
  }
  expect(await app.deps.db.manager.countBy(MaterialAlert, { staffUserId: "WangFang", state: "sent" })).toBe(40);
  // Nothing is left to send: the digest's other jobs (if any) find nothing pending.
  await app.deps.outbox.tick();
  expect(messagesTo("WangFang")).toHaveLength(ALERTS_PER_MINUTE + 1);
});
