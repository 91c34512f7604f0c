import request from "supertest";
import { randomUUID } from "node:crypto";
import type { LeadScore, ScoringRules } from "@scrm/shared";
import { bearerOf, buildCampaign, buildStock, claim, customerToken, sandboxLogin } from "../../helpers/coupons";
import { startTestApp, type TestApp } from "../../helpers/app";
import { waitFor } from "../../helpers/waitFor";
import { syncDirectory } from "../../../server/src/wecom/directory/sync";
import { Customer } from "../../../server/src/customers/customer.entity";
import { CustomerFollow, type FollowStatus } from "../../../server/src/customers/follow.entity";
import { recordBehaviour, type BehaviourFact } from "../../../server/src/materials/scoring/behaviour";
import { LeadScoreFactor } from "../../../server/src/materials/scoring/entities";
import { mergeLeadScores } from "../../../server/src/materials/scoring/merge";
import { DAY_MS } from "../../../server/src/platform/clock";

let app: TestApp;
let manager: string;
let lina: string;

const HALF_LIFE_DAYS = 14;
const DEFAULT_RULES: ScoringRules = {};

beforeAll(async () => {
  app = await startTestApp();
  await syncDirectory(app.deps);
  manager = await sandboxLogin(app, "manager");
  lina = await sandboxLogin(app, "staff", "LiNa");
});
afterAll(async () => {
  await app.deps.outbox.idle();
  await app.close();
});
afterEach(async () => {
  await setRules(DEFAULT_RULES);
});

interface CustomerSpec {
  name?: string;
  gender?: number;
  staff?: { userId: string; status?: FollowStatus; tags?: string[]; channelId?: string | null }[];
  addedAt?: Date;
}

/** A customer and their relations with staff, straight into the tables (what capture would have made). */
async function buildCustomer(spec: CustomerSpec = {}): Promise<string> {
  const id = randomUUID();
  const now = spec.addedAt ?? app.deps.clock.now();
  await app.deps.db.transaction(async (em) => {
    await em.insert(Customer, { id, name: spec.name ?? "", avatar: "", gender: spec.gender ?? 0, phoneCipher: null, consentedAt: null, firstTouch: null, mergedInto: null, createdAt: now });
    for (const s of spec.staff ?? [{ userId: "LiNa" }]) {
      await em.insert(CustomerFollow, {
        id: randomUUID(),
        customerId: id,
        staffUserId: s.userId,
        externalUserId: `wm${randomUUID().replace(/-/g, "")}`,
        channelId: s.channelId ?? null,
        state: null,
        status: s.status ?? "active",
        countedNew: true,
        addedAt: now,
        endedAt: null,
        lastEventTime: Math.floor(now.getTime() / 1000),
        welcomeStatus: "none",
        welcomeError: null,
        remark: null,
        tags: s.tags ?? [],
      });
    }
  });
  return id;
}

const fact = (customerId: string, kind: BehaviourFact["kind"], extra: Partial<BehaviourFact> = {}): BehaviourFact => ({ customerId, kind, at: app.deps.clock.now(), materialTitle: "新品发布", ...extra });

async function scoreOf(customerId: string, token = manager): Promise<LeadScore> {
  const res = await request(app.url).get(`/api/customers/${customerId}/score`).set(bearerOf(token));
  expect(res.status).toBe(200);
  return res.body as LeadScore;
}

async function setRules(rules: ScoringRules) {
  const res = await request(app.url).put("/api/lead-scoring").set(bearerOf(manager)).send(rules);
  expect(res.status).toBe(200);
  return res.body;
}

const sum = (s: LeadScore) => s.factors.reduce((total, f) => total + f.points, 0);
const hotAlerts = (name: string) => app.deps.wecomSimulator!.messages().filter((m) => JSON.stringify(m.content).includes(`客户 ${name} 升温为热门线索`));

test("the score explains itself: profile and behaviour factors add up to it, identical labels grouped", async () => {
  const id = await buildCustomer({ name: "王女士", gender: 2, staff: [{ userId: "LiNa", tags: ["etA", "etB"], channelId: randomUUID() }, { userId: "WangFang", tags: ["etB"] }] });
  await recordBehaviour(app.deps, fact(id, "view"));
  await recordBehaviour(app.deps, fact(id, "view"));
  await recordBehaviour(app.deps, fact(id, "share_intent"));
  await recordBehaviour(app.deps, fact(id, "dwell", { dwellMs: 50_000 }));
  await recordBehaviour(app.deps, fact(id, "dwell", { dwellMs: 45_000 })); // 95 s: one full minute
  await recordBehaviour(app.deps, fact(id, "dwell", { dwellMs: 30_000 })); // 125 s: a second minute

  const score = await scoreOf(id, lina);
  expect(score.factors).toEqual(
    expect.arrayContaining([
      { label: "资料完整（姓名、性别）", points: 4 },
      { label: "标签 2 个", points: 2 },
      { label: "来自渠道", points: 5 },
      { label: "阅读《新品发布》2 次", points: 6 },
      { label: "转发《新品发布》", points: 5 },
      { label: "阅读《新品发布》停留 2 分钟", points: 4 },
    ]),
  );
  expect(score.factors).toHaveLength(6); // no decay yet
  expect(score.score).toBe(26);
  expect(sum(score)).toBe(score.score);
  expect(score.grade).toBe("warm");
});

test("behaviour points halve with each half-life of business time; the decay line keeps the sum exact", async () => {
  const id = await buildCustomer({ name: "李先生" });
  for (let i = 0; i < 4; i++) await recordBehaviour(app.deps, fact(id, "view", { materialTitle: "秋季新品" }));
  await recordBehaviour(app.deps, fact(id, "claim", { stockName: "满100减10" }));
  expect((await scoreOf(id)).score).toBe(2 + 12 + 8);

  app.deps.clock.advance(HALF_LIFE_DAYS * DAY_MS);
  const halved = await scoreOf(id);
  expect(halved.score).toBe(2 + 10);
  expect(halved.factors).toContainEqual({ label: "时间衰减（最近一次互动 14 天前）", points: -10 });
  expect(sum(halved)).toBe(halved.score);

  // A new event adds at full value on top of the decayed ones.
  await recordBehaviour(app.deps, fact(id, "view", { materialTitle: "秋季新品" }));
  const after = await scoreOf(id);
  expect(after.score).toBe(2 + 10 + 3);
  expect(after.factors).toContainEqual({ label: "阅读《秋季新品》5 次", points: 15 });
  expect(sum(after)).toBe(after.score);

  // Odd values round once, and the remainder sits in the decay line.
  app.deps.clock.advance((HALF_LIFE_DAYS * DAY_MS) / 3);
  const third = await scoreOf(id);
  expect(third.score).toBe(2 + Math.round(13 * 0.5 ** (1 / 3))); // 10.3: rounded down
  expect(sum(third)).toBe(third.score);
});

test("grades follow the thresholds a manager sets; bad rules are refused", async () => {
  const id = await buildCustomer({ name: "赵女士" });
  for (let i = 0; i < 5; i++) await recordBehaviour(app.deps, fact(id, "view")); // 2 + 15
  expect((await scoreOf(id)).grade).toBe("warm");

  const bad = await request(app.url).put("/api/lead-scoring").set(bearerOf(manager)).send({ hotAt: 10, warmAt: 10 });
  expect(bad.status).toBe(422);
  const staff = await request(app.url).put("/api/lead-scoring").set(bearerOf(lina)).send({ hotAt: 50 });
  expect(staff.status).toBe(403);

  const saved = await setRules({ hotAt: 17, warmAt: 5, behaviour: { view: 3 } });
  expect(saved).toMatchObject({ hotAt: 17, warmAt: 5, halfLifeDays: HALF_LIFE_DAYS, profile: { perFilledField: 2, perTag: 1, fromChannel: 5 } });
  expect((await request(app.url).get("/api/lead-scoring").set(bearerOf(manager))).body).toEqual(saved);
  expect((await scoreOf(id)).grade).toBe("hot");
  await setRules({ hotAt: 100, warmAt: 50 });
  expect((await scoreOf(id)).grade).toBe("cold");
});

test("a new half-life keeps what has decayed so far, then decays at the new pace", async () => {
  const id = await buildCustomer();
  await recordBehaviour(app.deps, fact(id, "claim")); // 8
  app.deps.clock.advance(HALF_LIFE_DAYS * DAY_MS);
  expect((await scoreOf(id)).score).toBe(4);

  await setRules({ halfLifeDays: 7 });
  expect((await scoreOf(id)).score).toBe(4);
  app.deps.clock.advance(7 * DAY_MS);
  expect((await scoreOf(id)).score).toBe(2);
});

test("a basis far in the past is rebased by the next event, and scores stay right", async () => {
  const old = await buildCustomer();
  await setRules({ halfLifeDays: 1 });
  await recordBehaviour(app.deps, fact(old, "redeem"));
  app.deps.clock.advance(450 * DAY_MS); // past MAX_DRIFT_HALF_LIVES half-lives of one day
  const fresh = await buildCustomer();
  await recordBehaviour(app.deps, fact(fresh, "claim"));
  expect((await scoreOf(fresh)).score).toBe(8);
  expect((await scoreOf(old)).score).toBe(0);
  app.deps.clock.advance(DAY_MS);
  expect((await scoreOf(fresh)).score).toBe(4);
});

test("concurrent behaviour events lose no points", async () => {
  const id = await buildCustomer();
  await Promise.all(Array.from({ length: 25 }, (_, i) => recordBehaviour(app.deps, fact(id, i % 5 === 0 ? "share_intent" : "view"))));
  const score = await scoreOf(id);
  expect(score.score).toBe(20 * 3 + 5 * 5);
  expect(sum(score)).toBe(score.score);
  expect(await app.deps.db.manager.countBy(LeadScoreFactor, { customerId: id })).toBe(25);
});

test("turning hot alerts the customer's active staff once per crossing", async () => {
  await setRules({ behaviour: { view: 30 }, hotAt: 40, warmAt: 15 });
  const id = await buildCustomer({ name: "王女士", staff: [{ userId: "LiNa" }, { userId: "WangFang" }, { userId: "LiuYang", status: "lost" }] });
  await recordBehaviour(app.deps, fact(id, "view")); // 2 + 30: warm
  await app.deps.outbox.idle();
  expect(hotAlerts("王女士")).toHaveLength(0);

  await recordBehaviour(app.deps, fact(id, "view")); // 62: hot
  await waitFor(() => hotAlerts("王女士").length === 2);
  expect(hotAlerts("王女士").map((m) => m.userid).sort()).toEqual(["LiNa", "WangFang"]);
  expect(JSON.stringify(hotAlerts("王女士")[0].content)).toContain("客户 王女士 升温为热门线索（62 分）");

  await recordBehaviour(app.deps, fact(id, "view")); // still hot: no second alert
  await recordBehaviour(app.deps, fact(id, "view"));
  await app.deps.outbox.idle();
  expect(hotAlerts("王女士")).toHaveLength(2);

  app.deps.clock.advance(10 * HALF_LIFE_DAYS * DAY_MS); // cooled to cold
  await recordBehaviour(app.deps, fact(id, "view")); // 32: warm again
  await recordBehaviour(app.deps, fact(id, "share_intent")); // 37
  await recordBehaviour(app.deps, fact(id, "view")); // 67: a new crossing
  await waitFor(() => hotAlerts("王女士").length === 4);
  expect(JSON.stringify(hotAlerts("王女士")[3].content)).toContain("（67 分）");
  await app.deps.outbox.idle();
  expect(hotAlerts("王女士")).toHaveLength(4);
});

test("claiming and redeeming a coupon move the score", async () => {
  const id = await buildCustomer({ name: "钱女士" });
  const campaignId = await buildCampaign(app, manager);
  const stock = await buildStock(app, manager, campaignId);
  const customer = await customerToken(app, id);
  const claimed = await claim(app, customer.token, { stockId: stock.id });
  expect(claimed.status).toBe(201);
  await waitFor(() => app.deps.db.manager.findOneBy(LeadScoreFactor, { customerId: id, kind: "claim" }));
  expect(await scoreOf(id)).toMatchObject({ score: 2 + 8, factors: expect.arrayContaining([{ label: `领取「${stock.name}」`, points: 8 }]) });

  const couponId = claimed.body.coupon.id as string;
  const { code } = app.deps.coupons.codes.issue(couponId);
  const redeemed = await request(app.url).post("/api/coupons/redeem").set(bearerOf(lina)).send({ code, store: "徐汇旗舰店" });
  expect(redeemed.status).toBe(200);
  await waitFor(() => app.deps.db.manager.findOneBy(LeadScoreFactor, { customerId: id, kind: "redeem" }));
  const score = await scoreOf(id);
  expect(score.score).toBe(2 + 8 + 15);
  expect(score.factors).toContainEqual({ label: `核销「${stock.name}」`, points: 15 });
});

test("only the customer's staff and managers see the score", async () => {
  const id = await buildCustomer({ staff: [{ userId: "WangFang" }] });
  expect((await request(app.url).get(`/api/customers/${id}/score`).set(bearerOf(lina))).status).toBe(404);
  expect((await request(app.url).get(`/api/customers/${randomUUID()}/score`).set(bearerOf(manager))).status).toBe(404);
  const customer = await customerToken(app, id);
  expect((await request(app.url).get(`/api/customers/${id}/score`).set(bearerOf(customer.token))).status).toBe(403);
  expect((await scoreOf(id, manager)).score).toBe(0);
});

test("the staff's customer list shows grades and sorts by today's score, ties by the latest added", async () => {
  const staff = "ChenJing";
  const chen = await sandboxLogin(app, "staff", staff);
  const base = app.deps.clock.now().getTime();
  const cold = await buildCustomer({ name: "冷", staff: [{ userId: staff }], addedAt: new Date(base - 3_000) });
  const hot = await buildCustomer({ name: "热", staff: [{ userId: staff }], addedAt: new Date(base - 5_000) });
  const warmOld = await buildCustomer({ name: "温甲", staff: [{ userId: staff }], addedAt: new Date(base - 4_000) });
  const warmNew = await buildCustomer({ name: "温乙", staff: [{ userId: staff }], addedAt: new Date(base - 2_000) });
  await buildCustomer({ name: "别人的", staff: [{ userId: "LiNa" }] });
  for (let i = 0; i < 14; i++) await recordBehaviour(app.deps, fact(hot, "view"));
  for (const id of [warmOld, warmNew]) await recordBehaviour(app.deps, fact(id, "claim"));
  // Both claims decay alike; the fresh view lifts `warmNew`: order is by today's value.
  app.deps.clock.advance(HALF_LIFE_DAYS * DAY_MS);
  await recordBehaviour(app.deps, fact(warmNew, "view"));

  const res = await request(app.url).get("/api/customers?sort=score").set(bearerOf(chen));
  expect(res.status).toBe(200);
  expect(res.body.total).toBe(4);
  const rows = res.body.customers as { customerId: string; score: number; grade: string }[];
  expect(rows.map((r) => r.customerId)).toEqual([hot, warmNew, warmOld, cold]);
  expect(rows.map((r) => [r.score, r.grade])).toEqual([
    [2 + 21, "warm"],
    [2 + 4 + 3, "cold"],
    [2 + 4, "cold"],
    [2, "cold"],
  ]);

  const page = await request(app.url).get("/api/customers?sort=score&limit=2&offset=1").set(bearerOf(chen));
  expect(page.body.customers.map((r: { customerId: string }) => r.customerId)).toEqual([warmNew, warmOld]);

  // Equal scores: the latest added first.
  const a = await buildCustomer({ name: "同分甲", staff: [{ userId: "YangLei" }], addedAt: new Date(base - 9_000) });
  const b = await buildCustomer({ name: "同分乙", staff: [{ userId: "YangLei" }], addedAt: new Date(base - 8_000) });
  const yang = await sandboxLogin(app, "staff", "YangLei");
  const tied = await request(app.url).get("/api/customers?sort=score").set(bearerOf(yang));
  expect(tied.body.customers.map((r: { customerId: string }) => r.customerId)).toEqual([b, a]);

  const recent = await request(app.url).get("/api/customers").set(bearerOf(chen));
  expect(recent.body.customers.map((r: { customerId: string }) => r.customerId)).toEqual([warmNew, cold, warmOld, hot]);
  expect(recent.body.customers.find((r: { customerId: string }) => r.customerId === hot)).toMatchObject({ grade: "warm", score: 2 + 21 });
});

test("merging two records of one person adds their scores", async () => {
  const survivor = await buildCustomer({ name: "孙女士" });
  const other = await buildCustomer({ name: "孙女士" });
  await recordBehaviour(app.deps, fact(survivor, "claim"));
  app.deps.clock.advance(HALF_LIFE_DAYS * DAY_MS);
  await recordBehaviour(app.deps, fact(other, "view"));
  await recordBehaviour(app.deps, fact(other, "claim"));
  await app.deps.db.transaction((em) => mergeLeadScores(em, other, survivor));
  const merged = await scoreOf(survivor);
  expect(merged.score).toBe(2 + 4 + 3 + 8);
  expect(merged.factors).toContainEqual({ label: "领取「优惠券」2 次", points: 16 });
  expect(sum(merged)).toBe(merged.score);
  expect(await app.deps.db.manager.countBy(LeadScoreFactor, { customerId: other })).toBe(0);
});
