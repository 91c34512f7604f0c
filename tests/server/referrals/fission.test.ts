import request from "supertest";
import type { TestApp } from "../../helpers/app";
import { bearerOf, buildStock } from "../../helpers/coupons";
import { inviteeThrough, miniappCustomer, referralCodeOf, startReferralWorld } from "../../helpers/referrals";
import { qualifyDue } from "../../../server/src/referrals/qualification";
import { DEFAULT_POLICY } from "../../../server/src/referrals/policy";
import { grantRewards } from "../../../server/src/referrals/fission";
import { FissionReward } from "../../../server/src/referrals/fission.entity";
import { CouponClaim } from "../../../server/src/coupons/claim.entity";
import { DAY_MS } from "../../../server/src/platform/clock";

let app: TestApp;
let manager: string;
let campaignId: string;
let state: string;

beforeAll(async () => {
  ({ app, manager, campaignId, state } = await startReferralWorld());
});
afterAll(() => app.close());

test("each tier of the ladder is granted once, as a coupon, even when qualifications race", async () => {
  const small = await buildStock(app, manager, campaignId, { name: "邀请1位礼", total: 10 });
  const big = await buildStock(app, manager, campaignId, { name: "邀请2位礼", total: 10 });
  const ladder = await request(app.url)
    .put(`/api/campaigns/${campaignId}/fission`)
    .set(bearerOf(manager))
    .send({ tiers: [{ threshold: 2, stockId: big.id }, { threshold: 1, stockId: small.id }], startsAt: "2026-11-01T00:00:00Z", endsAt: "2026-12-31T00:00:00Z" });
  expect(ladder.status).toBe(200);
  expect(ladder.body.tiers.map((t: { threshold: number; stockName: string }) => [t.threshold, t.stockName])).toEqual([
    [1, "邀请1位礼"],
    [2, "邀请2位礼"],
  ]);

  const referrer = await miniappCustomer(app);
  const code = await referralCodeOf(app, campaignId, referrer.token);
  await inviteeThrough(app, campaignId, state, code, "朋友一");
  await inviteeThrough(app, campaignId, state, code, "朋友二");
  const before = await request(app.url).get(`/api/campaigns/${campaignId}/my-progress`).set(bearerOf(referrer.token));
  expect(before.body).toMatchObject({ qualified: 0, pending: 2, toNextTier: 1, live: true });

  app.deps.clock.advance(DEFAULT_POLICY.qualifyDays * DAY_MS + 60_000);
  await Promise.all([qualifyDue(app.deps), qualifyDue(app.deps)]);
  await Promise.all([grantRewards(app.deps, campaignId, referrer.customerId), grantRewards(app.deps, campaignId, referrer.customerId)]);

  const claims = await app.deps.db.manager.findBy(CouponClaim, { customerId: referrer.customerId, state: "issued" });
  expect(claims.map((c) => c.stockId).sort()).toEqual([small.id, big.id].sort());
  expect(await app.deps.db.manager.countBy(FissionReward, { campaignId, customerId: referrer.customerId })).toBe(2);
  const after = await request(app.url).get(`/api/campaigns/${campaignId}/my-progress`).set(bearerOf(referrer.token));
  expect(after.body).toMatchObject({ qualified: 2, pending: 0, toNextTier: null });
  expect(after.body.tiers.every((t: { granted: boolean }) => t.granted)).toBe(true);

  const badLadder = await request(app.url)
    .put(`/api/campaigns/${campaignId}/fission`)
    .set(bearerOf(manager))
    .send({ tiers: [{ threshold: 1, stockId: "not-a-stock" }], startsAt: "2026-11-01T00:00:00Z", endsAt: "2026-12-31T00:00:00Z" });
  expect(badLadder.status).toBe(422);
});
