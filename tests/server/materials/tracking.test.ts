import request from "supertest";
import type { MaterialStats } from "@scrm/shared";
import { startTestApp, type TestApp } from "../../helpers/app";
import { bearerOf, sandboxLogin } from "../../helpers/coupons";
import { buildMaterial, shareOf } from "../../helpers/materials";
import { namedCustomer, newDevice, sendEvent } from "../../helpers/tracking";
import { syncDirectory } from "../../../server/src/wecom/directory/sync";
import { MaterialEvent, MaterialViewer } from "../../../server/src/materials/event.entity";
import { MaterialShare } from "../../../server/src/materials/share.entity";
import { forwardShare } from "../../../server/src/materials/shares";
import { LeadScoreFactor } from "../../../server/src/materials/scoring/entities";

let app: TestApp;
let manager: string;
let staff: string;

beforeAll(async () => {
  app = await startTestApp();
  await syncDirectory(app.deps);
  manager = await sandboxLogin(app, "manager");
  staff = await sandboxLogin(app, "staff", "LiNa");
});
afterAll(async () => {
  await app.deps.materials.idle();
  await app.close();
});

const statsOf = async (materialId: string) => (await request(app.url).get(`/api/materials/${materialId}/stats`).set(bearerOf(manager))).body as MaterialStats;
const viewersOf = (token: string) => app.deps.db.manager.find(MaterialViewer, { where: { token }, order: { viewerKey: "ASC" } });
const eventsOf = (token: string) => app.deps.db.manager.countBy(MaterialEvent, { token });

test("staff's own views, bots and repeated opens do not inflate unique viewers", async () => {
  const material = await buildMaterial(app, manager, { title: "去重测试" });
  const { token } = await shareOf(app, staff, material.id);
  const customer = await namedCustomer(app, "王女士");
  const phone = newDevice();
  for (let i = 0; i < 3; i++) expect((await sendEvent(app, token, { kind: "view", deviceId: phone }, { session: customer.token })).status).toBe(200);
  await sendEvent(app, token, { kind: "view", deviceId: newDevice() }, { session: staff }); // the staff member checks their own card
  await sendEvent(app, token, { kind: "view", deviceId: newDevice() }, { session: manager });
  await sendEvent(app, token, { kind: "view", deviceId: newDevice() }, { ua: null }); // no User-Agent at all
  await sendEvent(app, token, { kind: "view", deviceId: newDevice() }, { ua: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36" });
  await sendEvent(app, token, { kind: "view", deviceId: newDevice() }, { ua: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" });
  await sendEvent(app, token, { kind: "view", deviceId: newDevice() }); // one anonymous reader

  const stats = await statsOf(material.id);
  expect(stats.total).toMatchObject({ shares: 1, views: 4, uniqueViewers: 2 });
  expect(stats.byStaff).toEqual([expect.objectContaining({ staffUserId: "LiNa", staffName: "李娜", channel: "card", views: 4, uniqueViewers: 2 })]);
  // Every event is kept, the excluded ones marked.
  expect(await eventsOf(token)).toBe(9);
  const excluded = (await app.deps.db.manager.findBy(MaterialEvent, { token })).map((e) => e.excluded);
  expect(excluded.filter((x) => x === "staff")).toHaveLength(2);
  expect(excluded.filter((x) => x === "bot")).toHaveLength(3);
});

test("bad input is refused whole (422), an unknown token is 404, and nothing is written", async () => {
  const material = await buildMaterial(app, manager, { title: "校验测试" });
  const { token } = await shareOf(app, staff, material.id);
  const deviceId = newDevice();
  const refused = [
    { kind: "open", deviceId },
    { kind: "view", deviceId: "short" },
    { kind: "heartbeat", deviceId },
    { kind: "heartbeat", deviceId, dwellMs: 120_000 },
    { kind: "cta", deviceId },
    { kind: "cta", deviceId, cta: "buy_now" },
    { kind: "view", deviceId, dwellMs: 5 },
  ];
  for (const body of refused) expect([body, (await sendEvent(app, token, body as never)).status]).toEqual([body, 422]);
  const unknown = await sendEvent(app, "mNoSuchToken0", { kind: "view", deviceId });
  expect(unknown.status).toBe(404);
  expect(await eventsOf(token)).toBe(0);
  expect(await viewersOf(token)).toEqual([]);
});

test("a device that later logs in is joined to the customer: one viewer, its opens and reading time kept", async () => {
  const material = await buildMaterial(app, manager, { title: "登录合并" });
  const { token } = await shareOf(app, staff, material.id);
  const phone = newDevice();
  await sendEvent(app, token, { kind: "view", deviceId: phone });
  await sendEvent(app, token, { kind: "heartbeat", deviceId: phone, dwellMs: 5_000 });
  await sendEvent(app, token, { kind: "view", deviceId: phone });
  const customer = await namedCustomer(app, "赵先生");
  await sendEvent(app, token, { kind: "view", deviceId: phone }, { session: customer.token });
  await sendEvent(app, token, { kind: "heartbeat", deviceId: phone, dwellMs: 7_000 }, { session: customer.token });

  const viewers = await viewersOf(token);
  expect(viewers).toEqual([expect.objectContaining({ viewerKey: `c:${customer.customerId}`, customerId: customer.customerId, opens: 3, dwellMs: 12_000, excluded: null })]);
  const stats = await statsOf(material.id);
  expect(stats.total).toMatchObject({ views: 3, uniqueViewers: 1, avgDwellMs: 4_000 });
});

test("a chain of three forwards is attributed to the staff member who shared, at depths 1, 2 and 3", async () => {
  const material = await buildMaterial(app, manager, { title: "转发链" });
  const root = await shareOf(app, staff, material.id);
  const first = await namedCustomer(app, "一号");
  const second = await namedCustomer(app, "二号");
  const anonymousPhone = newDevice();

  // The viewer taps share: the page asks for the child token its card will carry.
  await sendEvent(app, root.token, { kind: "view", deviceId: newDevice() }, { session: first.token });
  const one = await sendEvent(app, root.token, { kind: "share_intent", deviceId: newDevice() }, { session: first.token });
  expect(one.body).toEqual({ accepted: true, childToken: expect.any(String) });
  await sendEvent(app, one.body.childToken, { kind: "view", deviceId: newDevice() }, { session: second.token });
  const two = await sendEvent(app, one.body.childToken, { kind: "share_intent", deviceId: newDevice() }, { session: second.token });
  await sendEvent(app, two.body.childToken, { kind: "view", deviceId: anonymousPhone });
  const three = await forwardShare(app.deps, two.body.childToken, { kind: "device", id: anonymousPhone });
  await sendEvent(app, three.token, { kind: "view", deviceId: newDevice() });
  // The same viewer forwarding again gets the same child.
  const again = await sendEvent(app, root.token, { kind: "share_intent", deviceId: newDevice() }, { session: first.token });
  expect(again.body.childToken).toBe(one.body.childToken);

  const chain = await Promise.all([one.body.childToken, two.body.childToken, three.token].map((t: string) => app.deps.db.manager.findOneByOrFail(MaterialShare, { token: t })));
  expect(chain.map((s) => [s.depth, s.staffUserId, s.channel, s.sharerKind])).toEqual([
    [1, "LiNa", "forward", "customer"],
    [2, "LiNa", "forward", "customer"],
    [3, "LiNa", "forward", "device"],
  ]);
  expect(chain.map((s) => s.parentToken)).toEqual([root.token, one.body.childToken, two.body.childToken]);

  const stats = await statsOf(material.id);
  expect(stats.total).toMatchObject({ shares: 4, views: 4, uniqueViewers: 4, shareIntents: 3, openedChildShares: 3 });
  const byChannel = Object.fromEntries(stats.byStaff.map((r) => [r.channel, r]));
  expect(byChannel.card).toMatchObject({ staffUserId: "LiNa", shares: 1, views: 1, shareIntents: 2, openedChildShares: 1 });
  expect(byChannel.forward).toMatchObject({ staffUserId: "LiNa", shares: 3, views: 3, shareIntents: 1, openedChildShares: 2 });
});

test("a logged-in customer's views, reading time and share intents move their lead score after the commit", async () => {
  const material = await buildMaterial(app, manager, { title: "评分联动" });
  const { token } = await shareOf(app, staff, material.id);
  const reader = await namedCustomer(app, "李先生");
  const phone = newDevice();
  await sendEvent(app, token, { kind: "view", deviceId: phone }, { session: reader.token });
  for (let i = 0; i < 3; i++) await sendEvent(app, token, { kind: "heartbeat", deviceId: phone, dwellMs: 40_000 }, { session: reader.token });
  await sendEvent(app, token, { kind: "share_intent", deviceId: phone }, { session: reader.token });
  await sendEvent(app, token, { kind: "view", deviceId: newDevice() }); // anonymous: nobody to score
  await app.deps.materials.idle();
  const factors = await app.deps.db.manager.find(LeadScoreFactor, { where: { customerId: reader.customerId } });
  const qty = (kind: string) => factors.filter((f) => f.kind === kind).reduce((sum, f) => sum + f.qty, 0);
  // Two full minutes of reading (120 s), however the heartbeats were grouped on their way to scoring.
  expect([qty("view"), qty("dwell"), qty("share_intent")]).toEqual([1, 2, 1]);
});

test("every acknowledged event is stored: 500 at once", async () => {
  const material = await buildMaterial(app, manager, { title: "并发写入" });
  const { token } = await shareOf(app, staff, material.id);
  const devices = Array.from({ length: 50 }, () => newDevice());
  const bodies = Array.from({ length: 500 }, (_, i) =>
    i % 2 === 0 ? { kind: "view" as const, deviceId: devices[i % 50] } : { kind: "heartbeat" as const, deviceId: devices[i % 50], dwellMs: 1_000 + i },
  );
  const answers = await Promise.all(bodies.map((b) => sendEvent(app, token, b)));
  const acknowledged = answers.filter((r) => r.status === 200 && r.body.accepted === true);
  expect(acknowledged).toHaveLength(500);
  expect(await eventsOf(token)).toBe(acknowledged.length);
  const viewers = await viewersOf(token);
  expect(viewers).toHaveLength(50);
  expect(viewers.reduce((s, v) => s + v.opens, 0)).toBe(250);
  expect(viewers.reduce((s, v) => s + v.dwellMs, 0)).toBe(bodies.reduce((s, b) => s + (b.kind === "heartbeat" ? b.dwellMs : 0), 0));
});
