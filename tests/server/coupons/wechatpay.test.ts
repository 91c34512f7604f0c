import request from "supertest";
import { startTestApp, type TestApp } from "../../helpers/app";
import { bearerOf, buildStock, claim, startCouponWorld } from "../../helpers/coupons";
import { waitFor } from "../../helpers/waitFor";
import type { WechatPaySimulator } from "../../../server/src/sandbox/wechatpay";
import { CouponClaim } from "../../../server/src/coupons/claim.entity";
import { remainingOf } from "../../../server/src/coupons/counters";
import { OutboxJob } from "../../../server/src/platform/outbox/outboxJob.entity";
import { PayNotificationRow } from "../../../server/src/pay/notification.entity";
import { TimelineEntry } from "../../../server/src/customers/timeline.entity";

let app: TestApp;
let pay: WechatPaySimulator;
let manager: string;
let campaignId: string;

beforeAll(async () => {
  ({ app, manager, campaignId } = await startCouponWorld({ WECHATPAY_TIMEOUT_MS: "300" }));
  pay = app.deps.wechatpaySimulator!;
});
afterAll(() => app.close());

/** A customer logged in through the mini-program (so we know their openid). */
async function customer() {
  const { code, openid } = app.deps.miniappSimulator!.issueLoginCode();
  const res = await request(app.url).post("/api/auth/wx-login").send({ code });
  expect(res.status).toBe(201);
  return { token: res.body.token as string, customerId: res.body.user.id as string, openid };
}

const wechatpayStock = (overrides = {}) =>
  buildStock(app, manager, campaignId, {
    name: "微信支付满100减10",
    kind: "wechatpay",
    wechatpayStockId: "9865000",
    benefit: { kind: "amount_off", amountFen: 1000, minSpendFen: 10000 },
    total: 50,
    ...overrides,
  });

/** Runs the outbox until `check` holds (retries wait out their backoff). */
const settle = <T>(check: () => Promise<T | undefined | null | false>) =>
  waitFor(async () => {
    await app.deps.db.manager.update(OutboxJob, { state: "pending" }, { dueAt: new Date() });
    await app.deps.outbox.tick();
    return check();
  }, 10_000);

test("a WeChat Pay claim is sent after commit, and a timeout then retry makes one coupon", async () => {
  const stock = await wechatpayStock();
  const { token, openid } = await customer();
  pay.setFault({ kind: "timeout", times: 1, path: "/v3/marketing/favor/users" });

  const claimed = await claim(app, token, { stockId: stock.id });
  expect(claimed.status).toBe(201);
  expect(claimed.body.coupon).toMatchObject({ status: "sending", wechatpayCouponId: null });
  const id = claimed.body.coupon.id as string;

  // The first send timed out on our side (the simulator still made the coupon); the retry repeats out_request_no.
  await waitFor(() => app.deps.db.manager.findOneBy(OutboxJob, { state: "pending", attempts: 1 }));
  const issued = await settle(() => app.deps.db.manager.findOneBy(CouponClaim, { id, state: "issued" }));
  const coupons = pay.coupons().filter((c) => c.openid === openid);
  expect(coupons).toHaveLength(1);
  expect(issued.wechatpayCouponId).toBe(coupons[0].couponId);
  expect(pay.calls({ path: `/v3/marketing/favor/users/${openid}/coupons` }).length).toBeGreaterThanOrEqual(2);

  const mine = await request(app.url).get("/api/coupons/mine").set(bearerOf(token));
  expect(mine.body.coupons[0]).toMatchObject({ id, status: "valid", wechatpayCouponId: coupons[0].couponId });
});

test("a definitive refusal fails the claim and returns its unit to the stock", async () => {
  const stock = await wechatpayStock({ perCustomerLimit: 2 });
  const { token, customerId } = await customer();
  const first = await claim(app, token, { stockId: stock.id });
  await settle(() => app.deps.db.manager.findOneBy(CouponClaim, { id: first.body.coupon.id, state: "issued" }));

  // WeChat Pay's own per-user limit for this stock is 1: the second send is refused for good.
  const second = await claim(app, token, { stockId: stock.id });
  expect(second.status).toBe(201);
  const failed = await settle(() => app.deps.db.manager.findOneBy(CouponClaim, { id: second.body.coupon.id, state: "failed" }));
  expect(failed.seq).toBeNull();
  expect(failed.failure).toBeTruthy();
  expect((await remainingOf(app.deps.db.manager, [stock.id])).get(stock.id)).toBe(49);
  expect(await app.deps.db.manager.countBy(TimelineEntry, { customerId, kind: "coupon_failed" })).toBe(1);
  const numbers = await request(app.url).get(`/api/coupon-stocks/${stock.id}`).set(bearerOf(manager));
  expect(numbers.body.stock).toMatchObject({ remaining: 49, claimed: 1 });
});

test("paying with the coupon at WeChat Pay redeems it once and records the order revenue", async () => {
  const stock = await wechatpayStock({ wechatpayStockId: "9865001", benefit: { kind: "amount_off", amountFen: 500, minSpendFen: 5000 } });
  const { token, customerId, openid } = await customer();
  const claimed = await claim(app, token, { stockId: stock.id });
  const issued = await settle(() => app.deps.db.manager.findOneBy(CouponClaim, { id: claimed.body.coupon.id, state: "issued" }));

  pay.setFault({ kind: "duplicateNotifications", times: 2 });
  const checkout = pay.payWithCoupon({ couponId: issued.wechatpayCouponId!, totalFen: 12_800, payerOpenid: openid });
  const redeemed = await settle(() => app.deps.db.manager.findOneBy(CouponClaim, { id: issued.id, state: "redeemed" }));
  expect(redeemed).toMatchObject({ transactionId: checkout.transactionId, faceValueFen: 500 });
  await settle(async () => (await app.deps.db.manager.countBy(PayNotificationRow, { outcome: "recorded" })) === 1);
  expect(await app.deps.db.manager.countBy(TimelineEntry, { customerId, kind: "coupon_redeemed" })).toBe(1);
  expect(await app.deps.db.manager.countBy(PayNotificationRow, {})).toBe(2);
  await waitFor(() => pay.notifications().every((n) => n.outcome === "delivered") || undefined);

  const numbers = await request(app.url).get(`/api/coupon-stocks/${stock.id}`).set(bearerOf(manager));
  expect(numbers.body.stock).toMatchObject({ claimed: 1, redeemed: 1, revenueFen: 12_800 });
  const mine = await request(app.url).get("/api/coupons/mine").set(bearerOf(token));
  expect(mine.body.coupons[0].status).toBe("used");
});

test("at start the server tells WeChat Pay where to send coupon notifications", async () => {
  const started = await startTestApp({}, { schedule: true });
  try {
    const sim = started.deps.wechatpaySimulator!;
    const [registration] = await waitFor(() => sim.calls({ path: "/v3/marketing/favor/callbacks" }).length > 0 && sim.calls({ path: "/v3/marketing/favor/callbacks" }));
    expect(registration).toMatchObject({ method: "POST", status: 200, body: { mchid: started.config.wechatpay!.mchid, notify_url: `${started.url}/pay/notify`, switch: true } });
    expect(sim.notifyUrl).toBe(`${started.url}/pay/notify`);
  } finally {
    await started.close();
  }
});

test("a coupon used before our retried send learned its id is redeemed once the send records it", async () => {
  const stock = await wechatpayStock();
  const { token, openid } = await customer();
  pay.setFault({ kind: "timeout", times: 1, path: "/v3/marketing/favor/users" });
  const claimed = await claim(app, token, { stockId: stock.id });
  const coupon = await waitFor(() => pay.coupons().find((c) => c.openid === openid));
  await waitFor(() => app.deps.db.manager.findOneBy(OutboxJob, { state: "pending", attempts: 1 }));

  // The customer pays with it while our send still waits for its retry.
  pay.payWithCoupon({ couponId: coupon.couponId, totalFen: 20_000, payerOpenid: openid });
  await waitFor(async () => (await app.deps.db.manager.find(PayNotificationRow, { where: { eventType: "COUPON.USE" } })).find((n) => n.resource.includes(coupon.couponId) && n.outcome === "unknown_coupon"));

  const redeemed = await settle(() => app.deps.db.manager.findOneBy(CouponClaim, { id: claimed.body.coupon.id, state: "redeemed" }));
  expect(redeemed.wechatpayCouponId).toBe(coupon.couponId);
});

test("WeChat Pay's own budget used up: the claim fails, its unit comes back and the stock is paused", async () => {
  const wechatStock = pay.createStock({ stockName: "小预算", maxCoupons: 1, maxCouponsPerUser: 1, couponAmountFen: 300, transactionMinimumFen: 3000 });
  const stock = await wechatpayStock({ wechatpayStockId: wechatStock.stockId, total: 10 });
  const first = await customer();
  const second = await customer();
  const one = await claim(app, first.token, { stockId: stock.id });
  await settle(() => app.deps.db.manager.findOneBy(CouponClaim, { id: one.body.coupon.id, state: "issued" }));
  const two = await claim(app, second.token, { stockId: stock.id });
  await settle(() => app.deps.db.manager.findOneBy(CouponClaim, { id: two.body.coupon.id, state: "failed" }));
  const detail = await request(app.url).get(`/api/coupon-stocks/${stock.id}`).set(bearerOf(manager));
  expect(detail.body.stock).toMatchObject({ status: "paused", remaining: 9, claimed: 1 });
});
