import request from "supertest";
import type { TestApp } from "../../helpers/app";
import { bearerOf, buildStock, claim, customerToken, sandboxLogin, startCouponWorld } from "../../helpers/coupons";
import { decodeQrPng } from "../../helpers/miniapp";
import { CODE_WINDOW_MS } from "../../../server/src/coupons/redeemCode";
import { CouponClaim } from "../../../server/src/coupons/claim.entity";
import { TimelineEntry } from "../../../server/src/customers/timeline.entity";

let app: TestApp;
let manager: string;
let lina: string;
let wangfang: string;
let campaignId: string;

beforeAll(async () => {
  ({ app, manager, campaignId } = await startCouponWorld());
  lina = await sandboxLogin(app, "staff", "LiNa");
  wangfang = await sandboxLogin(app, "staff", "WangFang");
});
afterAll(() => app.close());

async function claimedCoupon(overrides = {}) {
  const stock = await buildStock(app, manager, campaignId, overrides);
  const customer = await customerToken(app);
  const claimed = await claim(app, customer.token, { stockId: stock.id });
  expect(claimed.status).toBe(201);
  return { stock, customer, couponId: claimed.body.coupon.id as string };
}

const redeem = (token: string, code: string, store = "徐汇旗舰店") => request(app.url).post("/api/coupons/redeem").set(bearerOf(token)).send({ code, store });

test("the coupon page's QR code redeems once in store, with store and staff recorded", async () => {
  const { stock, customer, couponId } = await claimedCoupon();
  const shown = await request(app.url).get(`/api/coupons/mine/${couponId}/code`).set(bearerOf(customer.token));
  expect(shown.status).toBe(200);
  expect(shown.body.refreshAfterMs).toBeLessThanOrEqual(CODE_WINDOW_MS);
  const scanned = decodeQrPng(Buffer.from(shown.body.qrImage.replace(/^data:image\/png;base64,/, ""), "base64"));
  expect(scanned).toBe(shown.body.code);

  const redeemed = await redeem(lina, scanned);
  expect(redeemed.status).toBe(200);
  expect(redeemed.body.redemption).toMatchObject({ couponId, stockName: stock.name, store: "徐汇旗舰店", staffUserId: "LiNa" });
  const row = await app.deps.db.manager.findOneByOrFail(CouponClaim, { id: couponId });
  expect(row).toMatchObject({ state: "redeemed", redeemedBy: "LiNa", redeemedStore: "徐汇旗舰店" });
  expect(await app.deps.db.manager.countBy(TimelineEntry, { customerId: customer.customerId, kind: "coupon_redeemed" })).toBe(1);

  const again = await redeem(wangfang, scanned);
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe("coupon_not_redeemable");
  expect(again.body.error.message).toMatch(/already used at 徐汇旗舰店/);

  const mine = await request(app.url).get("/api/coupons/mine").set(bearerOf(customer.token));
  expect(mine.body.coupons[0]).toMatchObject({ id: couponId, status: "used" });
  const numbers = await request(app.url).get(`/api/coupon-stocks/${stock.id}`).set(bearerOf(manager));
  expect(numbers.body.stock).toMatchObject({ claimed: 1, redeemed: 1 });
});

test("two staff scanning the same code at once redeem it once", async () => {
  const { couponId } = await claimedCoupon();
  const { code } = app.deps.coupons.codes.issue(couponId);
  const answers = await Promise.all([redeem(lina, code, "静安店"), redeem(wangfang, code, "浦东店"), redeem(manager, code, "总部")]);
  expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
  expect(answers.filter((a) => a.status === 409 && a.body.error.code === "coupon_not_redeemable")).toHaveLength(2);
});

test("yesterday's screenshot, a forged code and an expired coupon do not redeem", async () => {
  const { couponId } = await claimedCoupon();
  const old = app.deps.coupons.codes.issue(couponId, Date.now() - 2 * CODE_WINDOW_MS - 1000).code;
  expect((await redeem(lina, old)).body.error.code).toBe("code_invalid");
  const yesterday = app.deps.coupons.codes.issue(couponId, Date.now() - 86_400_000).code;
  expect((await redeem(lina, yesterday)).body.error.code).toBe("code_invalid");
  const previousMinute = app.deps.coupons.codes.issue(couponId, Date.now() - CODE_WINDOW_MS).code;
  const { code } = app.deps.coupons.codes.issue(couponId);
  const forged = code.slice(0, -2) + (code.endsWith("AA") ? "BB" : "AA");
  expect((await redeem(lina, forged)).body.error.code).toBe("code_invalid");
  expect((await redeem(lina, "not a coupon code at all")).body.error.code).toBe("code_invalid");
  expect((await redeem(lina, previousMinute)).status).toBe(200);

  const expiring = await claimedCoupon({ validity: { kind: "days_after_claim", days: 1 } });
  app.deps.clock.set(new Date(Date.now() + 2 * 86_400_000));
  try {
    const late = await redeem(lina, app.deps.coupons.codes.issue(expiring.couponId).code);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/expired/);
    const shown = await request(app.url).get(`/api/coupons/mine/${expiring.couponId}/code`).set(bearerOf(expiring.customer.token));
    expect(shown.status).toBe(409);
  } finally {
    app.deps.clock.reset();
  }
});

test("customers only see codes of their own coupons; customers cannot redeem", async () => {
  const { couponId, customer } = await claimedCoupon();
  const stranger = await customerToken(app);
  expect((await request(app.url).get(`/api/coupons/mine/${couponId}/code`).set(bearerOf(stranger.token))).status).toBe(404);
  const { code } = app.deps.coupons.codes.issue(couponId);
  expect((await redeem(customer.token, code)).status).toBe(403);
});
