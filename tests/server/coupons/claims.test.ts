import request from "supertest";
import { Not } from "typeorm";
import { randomUUID } from "node:crypto";
import type { TestApp } from "../../helpers/app";
import { bearerOf, buildStock, claim, customerToken, sandboxLogin, startCouponWorld } from "../../helpers/coupons";
import { CouponClaim } from "../../../server/src/coupons/claim.entity";
import { remainingOf } from "../../../server/src/coupons/counters";
import { Customer } from "../../../server/src/customers/customer.entity";

let app: TestApp;
let manager: string;
let campaignId: string;

beforeAll(async () => {
  ({ app, manager, campaignId } = await startCouponWorld());
});
afterAll(() => app.close());

test("500 concurrent claims for 100 units issue exactly 100, none beyond the per-customer limit", async () => {
  const stock = await buildStock(app, manager, campaignId, { total: 100, perCustomerLimit: 2 });
  const customers = await Promise.all(Array.from({ length: 125 }, () => customerToken(app)));
  const attempts = customers.flatMap((c) => Array.from({ length: 4 }, () => c));
  const answers = await Promise.all(attempts.map((c) => claim(app, c.token, { stockId: stock.id })));

  const byStatus = new Map<number, number>();
  for (const a of answers) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
  expect(byStatus.get(201)).toBe(100);
  expect(answers.every((a) => a.status === 201 || ["sold_out", "claim_limit_reached"].includes(a.body.error?.code))).toBe(true);

  const issued = await app.deps.db.manager.findBy(CouponClaim, { stockId: stock.id, state: "issued" });
  expect(issued).toHaveLength(100);
  const perCustomer = new Map<string, number>();
  for (const c of issued) perCustomer.set(c.customerId, (perCustomer.get(c.customerId) ?? 0) + 1);
  expect(Math.max(...perCustomer.values())).toBeLessThanOrEqual(2);
  expect((await remainingOf(app.deps.db.manager, [stock.id])).get(stock.id)).toBe(0);

  const detail = await request(app.url).get(`/api/coupon-stocks/${stock.id}`).set(bearerOf(manager));
  expect(detail.body.stock).toMatchObject({ remaining: 0, claimed: 100, redeemed: 0 });
}, 60_000);

test("the same Idempotency-Key answers the same claim, even sent twice at once", async () => {
  const stock = await buildStock(app, manager, campaignId, { total: 10 });
  const { customerId, token } = await customerToken(app);
  const key = randomUUID();
  const [first, second] = await Promise.all([claim(app, token, { stockId: stock.id }, key), claim(app, token, { stockId: stock.id }, key)]);
  expect(first.status).toBe(201);
  expect(second.status).toBe(201);
  expect(second.body).toEqual(first.body);
  const again = await claim(app, token, { stockId: stock.id }, key);
  expect(again.body).toEqual(first.body);
  expect(await app.deps.db.manager.countBy(CouponClaim, { customerId, stockId: stock.id })).toBe(1);
  expect((await remainingOf(app.deps.db.manager, [stock.id])).get(stock.id)).toBe(9);

  const otherStock = await buildStock(app, manager, campaignId, { total: 10 });
  const reused = await claim(app, token, { stockId: otherStock.id }, key);
  expect(reused.status).toBe(409);
  expect(reused.body.error.code).toBe("idempotency_key_reused");
});

test("a refusal is kept under its key: the same key answers the same refusal", async () => {
  const stock = await buildStock(app, manager, campaignId, { total: 10, perCustomerLimit: 1 });
  const { token } = await customerToken(app);
  expect((await claim(app, token, { stockId: stock.id })).status).toBe(201);
  const key = randomUUID();
  const refused = await claim(app, token, { stockId: stock.id }, key);
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe("claim_limit_reached");
  const again = await claim(app, token, { stockId: stock.id }, key);
  expect(again.body.error.code).toBe("claim_limit_reached");
});

test("paused stocks, channels not allowed, missing keys and unknown stocks are refused with clear errors", async () => {
  const stock = await buildStock(app, manager, campaignId, { total: 5 });
  const { token } = await customerToken(app);

  const noKey = await claim(app, token, { stockId: stock.id }, null);
  expect(noKey.status).toBe(400);
  expect(noKey.body.error.message).toMatch(/Idempotency-Key/);

  const paused = await request(app.url).post(`/api/coupon-stocks/${stock.id}/pause`).set(bearerOf(manager));
  expect(paused.body.stock.status).toBe("paused");
  const whilePaused = await claim(app, token, { stockId: stock.id });
  expect(whilePaused.status).toBe(409);
  expect(whilePaused.body.error.code).toBe("stock_paused");
  await request(app.url).post(`/api/coupon-stocks/${stock.id}/resume`).set(bearerOf(manager));
  expect((await claim(app, token, { stockId: stock.id })).status).toBe(201);

  const unknown = await claim(app, token, { stockId: randomUUID() });
  expect(unknown.status).toBe(404);

  const invalid = await request(app.url)
    .post("/api/coupon-stocks")
    .set(bearerOf(manager))
    .send({ campaignId, name: "坏的", kind: "wechatpay", benefit: { kind: "gift", gift: "杯子" }, validity: { kind: "days_after_claim", days: 3 }, total: 0 });
  expect(invalid.status).toBe(422);
  expect(invalid.body.error.details.map((d: { path: string }) => d.path)).toContain("total");
  const noStockId = await request(app.url)
    .post("/api/coupon-stocks")
    .set(bearerOf(manager))
    .send({ campaignId, name: "微信券", kind: "wechatpay", benefit: { kind: "amount_off", amountFen: 500 }, validity: { kind: "days_after_claim", days: 3 }, total: 5 });
  expect(noStockId.status).toBe(422);
  expect(noStockId.body.error.details.map((d: { path: string }) => d.path)).toContain("wechatpayStockId");

  const foreign = await request(app.url)
    .post("/api/coupon-stocks")
    .set(bearerOf(manager))
    .send({ campaignId, name: "仅展台", kind: "own", benefit: { kind: "gift", gift: "杯子" }, validity: { kind: "days_after_claim", days: 3 }, total: 5, channelIds: [randomUUID()] });
  expect(foreign.status).toBe(422);
});

test("customers see their coupons; staff and strangers cannot claim", async () => {
  const stock = await buildStock(app, manager, campaignId, { name: "赠品券", benefit: { kind: "gift", gift: "保温杯" }, total: 3 });
  const { token } = await customerToken(app);
  await claim(app, token, { stockId: stock.id });
  const mine = await request(app.url).get("/api/coupons/mine").set(bearerOf(token));
  expect(mine.body.coupons).toEqual([expect.objectContaining({ stockId: stock.id, name: "赠品券", status: "valid", benefit: { kind: "gift", gift: "保温杯" } })]);

  const staff = await sandboxLogin(app, "staff", "LiNa");
  expect((await claim(app, staff, { stockId: stock.id })).status).toBe(403);
  expect((await request(app.url).post("/api/coupons/claim").send({ stockId: stock.id })).status).toBe(401);
});

test("a seq freed by a failed claim is claimed again; coupons claimed under a merged-away record stay the customer's", async () => {
  const stock = await buildStock(app, manager, campaignId, { total: 10, perCustomerLimit: 2 });
  const { customerId, token } = await customerToken(app);
  const first = await claim(app, token, { stockId: stock.id });
  await claim(app, token, { stockId: stock.id });
  await app.deps.db.manager.update(CouponClaim, { id: first.body.coupon.id }, { state: "failed", seq: null });
  const again = await claim(app, token, { stockId: stock.id });
  expect(again.status).toBe(201);
  expect((await app.deps.db.manager.findOneByOrFail(CouponClaim, { id: again.body.coupon.id })).seq).toBe(1);
  expect((await claim(app, token, { stockId: stock.id })).body.error.code).toBe("claim_limit_reached");

  const survivor = await customerToken(app);
  await app.deps.db.manager.insert(Customer, { ...customerRow(survivor.customerId) });
  await app.deps.db.manager.insert(Customer, { ...customerRow(customerId), mergedInto: survivor.customerId });
  const mine = await request(app.url).get("/api/coupons/mine").set(bearerOf(survivor.token));
  expect(mine.body.coupons.map((c: { id: string }) => c.id).sort()).toEqual(
    (await app.deps.db.manager.findBy(CouponClaim, { customerId, state: Not("refused") })).map((c) => c.id).sort(),
  );
});

const customerRow = (id: string): Customer => ({ id, name: "顾客", avatar: "", gender: 0, phoneCipher: null, consentedAt: null, firstTouch: null, mergedInto: null, createdAt: new Date() });
