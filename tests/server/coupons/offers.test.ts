import request from "supertest";
import { startTestApp, type TestApp } from "../../helpers/app";
import { bearerOf, buildCampaign, buildStock, claim, customerToken, sandboxLogin } from "../../helpers/coupons";
import { syncDirectory } from "../../../server/src/wecom/directory/sync";
import { CouponClaim } from "../../../server/src/coupons/claim.entity";

let app: TestApp;
let manager: string;

beforeAll(async () => {
  app = await startTestApp();
  await syncDirectory(app.deps);
  manager = await sandboxLogin(app, "manager");
});
afterAll(() => app.close());

async function channelIn(campaignId: string, name: string) {
  const res = await request(app.url)
    .post("/api/channels")
    .set(bearerOf(manager))
    .send({
      campaignId,
      name,
      kind: "store",
      startsAt: "2026-01-01T00:00:00Z",
      endsAt: "2027-12-31T00:00:00Z",
      staffPool: ["LiNa"],
      routing: { kind: "round_robin" },
      welcome: { text: "欢迎" },
    });
  expect(res.status).toBe(201);
  return res.body.channel as { id: string; state: string };
}

test("a channel's landing page offers its campaign's stocks allowed there, and claims carry the channel", async () => {
  const campaignId = await buildCampaign(app, manager, "门店开业");
  const store = await channelIn(campaignId, "徐汇门店");
  const expo = await channelIn(campaignId, "车展展台");
  const everywhere = await buildStock(app, manager, campaignId, { name: "通用券", total: 1 });
  const storeOnly = await buildStock(app, manager, campaignId, { name: "门店专享", total: 5, channelIds: [store.id] });
  const paused = await buildStock(app, manager, campaignId, { name: "暂停券", total: 5 });
  await request(app.url).post(`/api/coupon-stocks/${paused.id}/pause`).set(bearerOf(manager));
  await buildStock(app, manager, campaignId, {
    name: "已结束",
    total: 5,
    validity: { kind: "fixed", from: "2025-01-01T00:00:00Z", to: "2025-02-01T00:00:00Z" },
  });

  const atStore = await request(app.url).get(`/api/landing/${store.state}/offers`);
  expect(atStore.body.offers.map((o: { name: string }) => o.name)).toEqual(["通用券", "门店专享"]);
  const atExpo = await request(app.url).get(`/api/landing/${expo.state}/offers`);
  expect(atExpo.body.offers.map((o: { name: string; soldOut: boolean }) => [o.name, o.soldOut])).toEqual([["通用券", false]]);

  const customer = await customerToken(app);
  const fromExpo = await claim(app, customer.token, { stockId: storeOnly.id, state: expo.state });
  expect(fromExpo.status).toBe(403);
  expect(fromExpo.body.error.code).toBe("channel_not_allowed");
  expect((await claim(app, customer.token, { stockId: storeOnly.id })).body.error.code).toBe("channel_not_allowed");
  const fromStore = await claim(app, customer.token, { stockId: storeOnly.id, state: store.state, attribution: { staffUserId: "LiNa" } });
  expect(fromStore.status).toBe(201);
  const row = await app.deps.db.manager.findOneByOrFail(CouponClaim, { id: fromStore.body.coupon.id });
  expect(row.channelId).toBe(store.id);
  expect(JSON.parse(row.attribution!)).toEqual({ campaignId, channelId: store.id, staffUserId: "LiNa" });

  await claim(app, customer.token, { stockId: everywhere.id, state: expo.state });
  const soldOut = await request(app.url).get(`/api/landing/${expo.state}/offers`);
  expect(soldOut.body.offers).toEqual([expect.objectContaining({ name: "通用券", soldOut: true })]);
  expect((await request(app.url).get("/api/landing/nosuchstate/offers")).status).toBe(404);
});
