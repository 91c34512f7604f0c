import request from "supertest";
import { bearerOf, buildStock } from "../../helpers/coupons";
import { after, claimed, contactThrough, messagesTo, startFollowupWorld, tasksOf, type FollowupWorld } from "../../helpers/followups";
import { decodeQrPng } from "../../helpers/miniapp";
import { CustomerFollow } from "../../../server/src/customers/follow.entity";
import { TimelineEntry } from "../../../server/src/customers/timeline.entity";

let world: FollowupWorld;

beforeAll(async () => {
  world = await startFollowupWorld();
});
afterAll(() => world.app.close());

const sim = () => world.app.deps.wecomSimulator!;
const confirmAll = (msgid: string) => sim().confirmGroupMessage({ msgid });

async function redeemInStore(customerToken: string, couponId: string) {
  const shown = await request(world.app.url).get(`/api/coupons/mine/${couponId}/code`).set(bearerOf(customerToken));
  const code = decodeQrPng(Buffer.from(shown.body.qrImage.replace(/^data:image\/png;base64,/, ""), "base64"));
  const res = await request(world.app.url).post("/api/coupons/redeem").set(bearerOf(world.lina)).send({ code, store: "徐汇旗舰店" });
  expect(res.status).toBe(200);
}

test("a claimed coupon left unused gets its tailored reminder at 72 hours, once, confirmed by the staff member", async () => {
  const { app } = world;
  world.app.deps.clock.set(new Date("2026-11-26T02:00:00Z"));
  const zhou = await contactThrough(app, world.state, "周小雨");
  await claimed(app, zhou.token, world.stock.id);
  const [reminder] = await tasksOf(app, zhou.customerId, "claimed_not_redeemed");
  // The claim named no staff member: the task goes to the one the customer added.
  expect(reminder).toMatchObject({ state: "pending", channel: "customer_message", staffUserId: zhou.staffUserId });

  await after(world, 71);
  expect(messagesTo(app, zhou.externalUserId)).toHaveLength(0);
  await after(world, 1);
  const [sent] = messagesTo(app, zhou.externalUserId);
  expect(sent.text?.content).toBe("周小雨您好，您领取的「到店满100减10」还没有使用哦，到店出示即可抵扣，有任何问题随时找我～");
  expect(sent.creator).toBe(zhou.staffUserId);
  expect((await tasksOf(app, zhou.customerId, "claimed_not_redeemed"))[0]).toMatchObject({ state: "sent", result: sent.msgid });

  // The staff member sends it in WeCom; the next check records it (and counts as their first contact).
  confirmAll(sent.msgid);
  await after(world, 0.25);
  expect((await tasksOf(app, zhou.customerId, "claimed_not_redeemed"))[0]).toMatchObject({ state: "confirmed" });
  // Days later nothing more is sent, and the timeline shows the follow-up.
  await after(world, 48);
  expect(messagesTo(app, zhou.externalUserId)).toHaveLength(1);
  const timeline = await app.deps.db.manager.findBy(TimelineEntry, { customerId: zhou.customerId, kind: "followup" });
  expect(timeline.map((t) => JSON.parse(t.data).state)).toEqual(expect.arrayContaining(["sent", "confirmed"]));
});

test("a purchase brings the 48-hour check, 7-day thanks, 14-day offer and 30-day invitation, and stops the unused-coupon reminder", async () => {
  const { app } = world;
  world.app.deps.clock.set(new Date("2026-11-26T02:00:00Z"));
  const wu = await contactThrough(app, world.state, "吴建国");
  const couponId = await claimed(app, wu.token, world.stock.id);
  await after(world, 24);
  await redeemInStore(wu.token, couponId);

  const texts = () => messagesTo(app, wu.externalUserId).map((m) => m.text?.content);
  await after(world, 47);
  expect(texts()).toEqual([]);
  await after(world, 1); // 48 h after the purchase (and past the 72 h of the claim, which stopped)
  const staffName = { LiNa: "李娜", WangFang: "王芳" }[wu.staffUserId];
  expect(texts()).toEqual([`吴建国您好，我是${staffName}。这次购物体验还满意吗？有任何问题可以直接回复我。`]);
  const [reminder] = await tasksOf(app, wu.customerId, "claimed_not_redeemed");
  expect(reminder).toMatchObject({ state: "stopped", reason: "redeemed" });
  const confirmLatest = () => confirmAll(messagesTo(app, wu.externalUserId).at(-1)!.msgid);
  confirmLatest();

  for (const days of [7, 14, 30]) {
    app.deps.clock.set(new Date(new Date("2026-11-27T02:00:00Z").getTime() + days * 24 * 3_600_000 - 60_000));
    await world.queue.tick();
    expect(texts()).toHaveLength([7, 14, 30].indexOf(days) + 1);
    await after(world, 1 / 30);
    expect(texts()).toHaveLength([7, 14, 30].indexOf(days) + 2);
    confirmLatest();
  }
  await after(world, 1);
  expect(texts().slice(1)).toEqual([
    "吴建国，感谢您的支持！使用中有什么建议都欢迎告诉我。",
    "吴建国，为老朋友准备了一份专属优惠，点开看看吧。",
    "吴建国，诚邀您加入我们的会员，享受会员专属价和生日礼。",
  ]);
  expect((await tasksOf(app, wu.customerId, "after_purchase")).map((t) => [t.state, t.reason])).toEqual(Array(4).fill(["confirmed", null]));
});

test("a customer who deletes the staff member gets nothing more", async () => {
  const { app } = world;
  world.app.deps.clock.set(new Date("2026-11-26T02:00:00Z"));
  const zheng = await contactThrough(app, world.state, "郑爽");
  await claimed(app, zheng.token, world.stock.id);
  await sim().customerDeletesStaff({ userId: zheng.staffUserId, externalUserId: zheng.externalUserId });
  await app.deps.inboxWorker.tick();
  expect(await app.deps.db.manager.findOneBy(CustomerFollow, { externalUserId: zheng.externalUserId })).toMatchObject({ status: "lost" });
  await after(world, 72);
  expect(messagesTo(app, zheng.externalUserId)).toHaveLength(0);
  expect((await tasksOf(app, zheng.customerId, "claimed_not_redeemed"))[0]).toMatchObject({ state: "stopped", reason: "deleted_staff" });
});

test("quiet hours hold a customer message until 09:00, and the daily cap moves a second one to the next morning", async () => {
  const { app } = world;
  const second = await buildStock(app, world.manager, world.campaignId, { name: "会员日9折券" });
  app.deps.clock.set(new Date("2026-11-26T14:00:00Z")); // 22:00 in Shanghai
  const qian = await contactThrough(app, world.state, "钱多多");
  await claimed(app, qian.token, world.stock.id);
  await claimed(app, qian.token, second.id);

  await after(world, 72); // Sunday 22:00: quiet
  expect(messagesTo(app, qian.externalUserId)).toHaveLength(0);
  const waiting = await tasksOf(app, qian.customerId, "claimed_not_redeemed");
  expect(waiting.map((t) => [t.state, t.reason, t.dueAt.toISOString()])).toEqual([
    ["pending", "quiet_hours", "2026-11-30T01:00:00.000Z"],
    ["pending", "quiet_hours", "2026-11-30T01:00:00.000Z"],
  ]);
  await after(world, 11); // Monday 09:00: one message a day
  expect(messagesTo(app, qian.externalUserId)).toHaveLength(1);
  const capped = (await tasksOf(app, qian.customerId, "claimed_not_redeemed")).find((t) => t.state === "pending")!;
  expect([capped.reason, capped.dueAt.toISOString()]).toEqual(["daily_cap", "2026-12-01T01:00:00.000Z"]);
  await after(world, 12);
  expect(messagesTo(app, qian.externalUserId)).toHaveLength(1);
  await after(world, 12); // Tuesday 09:00
  expect(messagesTo(app, qian.externalUserId)).toHaveLength(2);
});

test("a customer who opts out gets no more messages", async () => {
  const { app } = world;
  app.deps.clock.set(new Date("2026-11-26T02:00:00Z"));
  const sun = await contactThrough(app, world.state, "孙悦");
  await claimed(app, sun.token, world.stock.id);
  const res = await request(app.url).post("/api/followups/opt-out").set(bearerOf(sun.token)).send({ optedOut: true });
  expect(res.body).toEqual({ optedOut: true });
  await after(world, 72);
  expect(messagesTo(app, sun.externalUserId)).toHaveLength(0);
  expect((await tasksOf(app, sun.customerId, "claimed_not_redeemed"))[0]).toMatchObject({ state: "stopped", reason: "opted_out" });
  expect((await request(app.url).post("/api/followups/opt-out").set(bearerOf(world.lina)).send({ optedOut: true })).status).toBe(403);
});
