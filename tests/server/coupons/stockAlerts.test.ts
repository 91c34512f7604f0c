import request from "supertest";
import type { TestApp } from "../../helpers/app";
import { bearerOf, buildStock, claim, customerToken, startCouponWorld } from "../../helpers/coupons";
import { waitFor } from "../../helpers/waitFor";
import { levelOf } from "../../../server/src/coupons/stockAlerts";
import { DEMO } from "../../../server/src/sandbox/wecom";

let app: TestApp;
let manager: string;
let campaignId: string;

beforeAll(async () => {
  ({ app, manager, campaignId } = await startCouponWorld());
});
afterAll(() => app.close());

const alertsAbout = (name: string) =>
  app.deps.wecomSimulator!.messages().filter((m) => m.userid === DEMO.manager && JSON.stringify(m.content).includes(`「${name}」`));

test("the level is the lowest threshold reached", () => {
  expect(levelOf([20, 5], 21, 100)).toBeUndefined();
  expect(levelOf([20, 5], 20, 100)).toBe(20);
  expect(levelOf([20, 5], 5, 100)).toBe(5);
  expect(levelOf([20, 5], 0, 100)).toBe(5);
});

test("managers get one WeCom message per threshold crossed, however many claims and checks follow", async () => {
  const stock = await buildStock(app, manager, campaignId, { name: "告警测试券", total: 20, alertThresholdsPct: [20, 5] });
  const customers = await Promise.all(Array.from({ length: 20 }, () => customerToken(app)));
  const claimAll = (from: number, to: number) => Promise.all(customers.slice(from, to).map((c) => claim(app, c.token, { stockId: stock.id })));

  await claimAll(0, 15); // 5 of 20 left: at 25%, nothing yet
  expect(await app.deps.coupons.alerts.check(stock.id)).toBeUndefined();
  await claimAll(15, 16); // 4 left: 20% crossed
  await waitFor(() => alertsAbout("告警测试券").length === 1 || undefined);
  await Promise.all([app.deps.coupons.alerts.checkAll(), app.deps.coupons.alerts.check(stock.id), app.deps.coupons.alerts.check(stock.id)]);
  await claimAll(16, 20); // sold out: 5% crossed
  await waitFor(() => alertsAbout("告警测试券").length === 2 || undefined);
  await app.deps.coupons.alerts.checkAll();
  await app.deps.outbox.tick();
  expect(alertsAbout("告警测试券")).toHaveLength(2);
  expect(JSON.stringify(alertsAbout("告警测试券")[1].content)).toContain("剩余 0/20");

  const detail = await request(app.url).get(`/api/coupon-stocks/${stock.id}`).set(bearerOf(manager));
  expect(detail.body.alerts.map((a: { thresholdPct: number; remaining: number }) => [a.thresholdPct, a.remaining])).toEqual([
    [5, 0],
    [20, 4],
  ]);
});
