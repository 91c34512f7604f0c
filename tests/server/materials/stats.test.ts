import request from "supertest";
import type { MaterialStats, MyShare } from "@scrm/shared";
import { startTestApp, type TestApp } from "../../helpers/app";
import { bearerOf, buildCampaign, buildStock, sandboxLogin } from "../../helpers/coupons";
import { buildMaterial, editMaterial, shareOf } from "../../helpers/materials";
import { buildChannel } from "../../helpers/referrals";
import { namedCustomer, newDevice, sendEvent } from "../../helpers/tracking";
import { syncDirectory } from "../../../server/src/wecom/directory/sync";

let app: TestApp;
let manager: string;
let lina: string;
let wangfang: string;

beforeAll(async () => {
  app = await startTestApp();
  await syncDirectory(app.deps);
  manager = await sandboxLogin(app, "manager");
  lina = await sandboxLogin(app, "staff", "LiNa");
  wangfang = await sandboxLogin(app, "staff", "WangFang");
});
afterAll(async () => {
  await app.deps.materials.idle();
  await app.close();
});

const statsOf = (materialId: string, session = manager) => request(app.url).get(`/api/materials/${materialId}/stats`).set(bearerOf(session));
const mySharesOf = async (session: string) => ((await request(app.url).get("/api/my-shares").set(bearerOf(session))).body as { shares: MyShare[] }).shares;

test("a material's statistics per staff member and channel, and in total", async () => {
  // Version 1 calls to claim a coupon; Wang Fang shares version 2, which calls to add an adviser.
  const campaignId = await buildCampaign(app, manager);
  const stock = await buildStock(app, manager, campaignId);
  const material = await buildMaterial(app, manager, { title: "统计素材", campaignId, callToAction: { kind: "claim_coupon", stockId: stock.id } });
  const linaCard = await shareOf(app, lina, material.id, "card");
  const linaPoster = await shareOf(app, lina, material.id, "poster");
  const state = await buildChannel(app, manager, campaignId);
  await editMaterial(app, manager, material, { callToAction: { kind: "add_staff", channelState: state } });
  const wangCard = await shareOf(app, wangfang, material.id, "card");
  const zhou = await namedCustomer(app, "周小雨");
  const wu = await namedCustomer(app, "吴建国");
  const zhouPhone = newDevice();
  const anonymous = newDevice();

  // 周小雨 reads Li Na's card twice (90 s in all), claims, shares; her friend opens the forward and claims too.
  await sendEvent(app, linaCard.token, { kind: "view", deviceId: zhouPhone }, { session: zhou.token });
  await sendEvent(app, linaCard.token, { kind: "heartbeat", deviceId: zhouPhone, dwellMs: 60_000 }, { session: zhou.token });
  await sendEvent(app, linaCard.token, { kind: "view", deviceId: zhouPhone }, { session: zhou.token });
  await sendEvent(app, linaCard.token, { kind: "heartbeat", deviceId: zhouPhone, dwellMs: 30_000 }, { session: zhou.token });
  await sendEvent(app, linaCard.token, { kind: "cta", deviceId: zhouPhone, cta: "claim_coupon" }, { session: zhou.token });
  const child = (await sendEvent(app, linaCard.token, { kind: "share_intent", deviceId: zhouPhone }, { session: zhou.token })).body.childToken as string;
  await sendEvent(app, child, { kind: "view", deviceId: anonymous });
  await sendEvent(app, child, { kind: "cta", deviceId: anonymous, cta: "claim_coupon" });
  // A call to action the shared version does not have is refused.
  expect((await sendEvent(app, child, { kind: "cta", deviceId: anonymous, cta: "add_staff" })).status).toBe(422);
  // 吴建国 reads Li Na's poster and Wang Fang's card; a share intent nobody opened.
  await sendEvent(app, linaPoster.token, { kind: "view", deviceId: newDevice() }, { session: wu.token });
  await sendEvent(app, wangCard.token, { kind: "view", deviceId: newDevice() }, { session: wu.token });
  await sendEvent(app, wangCard.token, { kind: "heartbeat", deviceId: newDevice(), dwellMs: 20_000 }, { session: wu.token });
  await sendEvent(app, wangCard.token, { kind: "share_intent", deviceId: newDevice() }, { session: wu.token });
  await sendEvent(app, wangCard.token, { kind: "cta", deviceId: newDevice(), cta: "add_staff" }, { session: wu.token });
  // Neither a staff member's own taps nor a bot's count.
  await sendEvent(app, wangCard.token, { kind: "cta", deviceId: newDevice(), cta: "add_staff" }, { session: wangfang });
  await sendEvent(app, wangCard.token, { kind: "share_intent", deviceId: newDevice() }, { ua: "python-requests/2.31" });

  const res = await statsOf(material.id);
  expect(res.status).toBe(200);
  const stats = res.body as MaterialStats;
  const row = (staff: string, channel: string) => stats.byStaff.find((r) => r.staffUserId === staff && r.channel === channel);
  expect(row("LiNa", "card")).toEqual({
    staffUserId: "LiNa", staffName: "李娜", channel: "card", shares: 1, views: 2, uniqueViewers: 1, avgDwellMs: 45_000, shareIntents: 1, openedChildShares: 1, claims: 1, adds: 0,
  });
  expect(row("LiNa", "forward")).toMatchObject({ shares: 1, views: 1, uniqueViewers: 1, avgDwellMs: 0, shareIntents: 0, openedChildShares: 0, claims: 1, adds: 0 });
  expect(row("LiNa", "poster")).toMatchObject({ shares: 1, views: 1, uniqueViewers: 1 });
  expect(row("WangFang", "card")).toMatchObject({ staffName: "王芳", shares: 1, views: 1, uniqueViewers: 1, avgDwellMs: 20_000, shareIntents: 1, openedChildShares: 0, claims: 0, adds: 1 });
  expect(row("WangFang", "forward")).toMatchObject({ shares: 1, views: 0, uniqueViewers: 0 }); // 吴建国's forward, never opened
  // 吴建国 read two staff members' shares: one unique viewer of the material.
  expect(stats.total).toEqual({
    staffUserId: null, staffName: "全部", channel: null, shares: 5, views: 5, uniqueViewers: 3, avgDwellMs: 22_000, shareIntents: 2, openedChildShares: 1, claims: 2, adds: 1,
  });

  expect((await statsOf(material.id, lina)).status).toBe(403);
  expect((await statsOf("00000000-0000-0000-0000-000000000000")).status).toBe(404);
});

test("staff see their own shares, newest first, with who read them (forwards flagged) and nobody else's", async () => {
  const older = await buildMaterial(app, manager, { title: "我的分享一" });
  const newer = await buildMaterial(app, manager, { title: "我的分享二" });
  const first = await shareOf(app, lina, older.id);
  app.deps.clock.advance(60_000);
  const second = await shareOf(app, lina, newer.id, "poster");
  const theirs = await shareOf(app, wangfang, newer.id);
  const sun = await namedCustomer(app, "孙丽");
  const friend = await namedCustomer(app, "钱多多");
  const sunPhone = newDevice();

  await sendEvent(app, first.token, { kind: "view", deviceId: sunPhone }, { session: sun.token });
  const child = (await sendEvent(app, first.token, { kind: "share_intent", deviceId: sunPhone }, { session: sun.token })).body.childToken as string;
  await sendEvent(app, child, { kind: "view", deviceId: newDevice() }, { session: friend.token });
  await sendEvent(app, child, { kind: "view", deviceId: sunPhone }, { session: sun.token }); // she opens her own forward too
  app.deps.clock.advance(60_000);
  await sendEvent(app, second.token, { kind: "view", deviceId: newDevice() });
  await sendEvent(app, second.token, { kind: "view", deviceId: newDevice() }, { session: lina }); // her own look: not a reader
  await sendEvent(app, theirs.token, { kind: "view", deviceId: newDevice() }, { session: (await namedCustomer(app, "别人的客户")).token });

  const shares = (await mySharesOf(lina)).filter((s) => [first.token, second.token].includes(s.token));
  expect(shares.map((s) => [s.title, s.channel])).toEqual([
    ["我的分享二", "poster"],
    ["我的分享一", "card"],
  ]);
  expect(shares[0].viewers).toEqual([{ customerId: null, name: "未登录访客", opens: 1, dwellMs: 0, lastAt: expect.any(String), viaForward: false }]);
  expect(shares[1].viewers.map((v) => [v.name, v.opens, v.viaForward])).toEqual([
    ["孙丽", 2, false],
    ["钱多多", 1, true],
  ]);
  const everything = JSON.stringify(await mySharesOf(lina));
  expect(everything).not.toContain("别人的客户");
  expect(everything).not.toContain(theirs.token);
  expect((await mySharesOf(wangfang)).find((s) => s.token === theirs.token)!.viewers.map((v) => v.name)).toEqual(["别人的客户"]);
  expect((await request(app.url).get("/api/my-shares")).status).toBe(401);
});
