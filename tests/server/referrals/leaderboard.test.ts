import request from "supertest";
import type { TestApp } from "../../helpers/app";
import { bearerOf, sandboxLogin } from "../../helpers/coupons";
import { waitFor } from "../../helpers/waitFor";
import { Referral } from "../../../server/src/referrals/referral.entity";
import { inviteeThrough as inviteeThroughHelper, referralCodeOf, startReferralWorld } from "../../helpers/referrals";
import { qualifyDue } from "../../../server/src/referrals/qualification";
import { DEFAULT_POLICY } from "../../../server/src/referrals/policy";
import { DAY_MS } from "../../../server/src/platform/clock";

let app: TestApp;
let manager: string;
let campaignId: string;
let state: string;

beforeAll(async () => {
  ({ app, manager, campaignId, state } = await startReferralWorld());
});
afterAll(() => app.close());

const codeOf = (token: string) => referralCodeOf(app, campaignId, token);
const inviteeThrough = (code: string, name: string) => inviteeThroughHelper(app, campaignId, state, code, name);

const board = (query: Record<string, string>) => request(app.url).get(`/api/campaigns/${campaignId}/leaderboard`).query(query).set(bearerOf(manager));
const rankOf = (token: string, query: Record<string, string> = {}) => request(app.url).get(`/api/campaigns/${campaignId}/my-rank`).query(query).set(bearerOf(token));

test("a referral qualifies after the invitee kept following for N days; leaving before revokes it; the leaderboard and ranks follow", async () => {
  const lina = await sandboxLogin(app, "staff", "LiNa");
  const wangfang = await sandboxLogin(app, "staff", "WangFang");
  const [linaCode, wangCode] = [await codeOf(lina), await codeOf(wangfang)];

  await inviteeThrough(linaCode, "甲");
  await inviteeThrough(linaCode, "乙");
  const leaving = await inviteeThrough(wangCode, "丙");
  await inviteeThrough(wangCode, "丁");

  // New customers count at once; qualified ones only after N days.
  expect((await board({ board: "staff", metric: "new" })).body.entries.map((e: { memberId: string; score: number }) => [e.memberId, e.score])).toEqual([
    ["LiNa", 2],
    ["WangFang", 2],
  ]);
  expect(await qualifyDue(app.deps)).toEqual({ qualified: 0, revoked: 0 });
  // One invitee deletes their adviser within the window: revoked, and out of the new-customer board.
  await new Promise((r) => setTimeout(r, 1_100)); // WeCom's CreateTime is in seconds: the deletion must come after the add
  await app.deps.wecomSimulator!.customerDeletesStaff({ userId: leaving.staffUserId, externalUserId: leaving.externalUserId });
  await waitFor(async () => {
    await app.deps.inboxWorker.tick(); // the periodic worker handles deletions (only adds run at once, for their welcome)
    return app.deps.db.manager.findOneBy(Referral, { inviteeId: leaving.customerId, state: "revoked" });
  });
  expect((await board({ board: "staff", metric: "new" })).body.entries.map((e: { memberId: string; score: number }) => [e.memberId, e.score])).toEqual([
    ["LiNa", 2],
    ["WangFang", 1],
  ]);
  expect((await rankOf(wangfang, { metric: "new" })).body).toMatchObject({ score: 1, rank: 2, members: 2 });

  app.deps.clock.advance(DEFAULT_POLICY.qualifyDays * DAY_MS + 60_000);
  const [first, second] = await Promise.all([qualifyDue(app.deps), qualifyDue(app.deps)]); // two instances at once
  expect(first.qualified + second.qualified).toBe(3);

  const all = await board({ board: "staff", period: "all" });
  expect(all.body.entries).toEqual([
    { rank: 1, memberId: "LiNa", name: expect.any(String), score: 2 },
    { rank: 2, memberId: "WangFang", name: expect.any(String), score: 1 },
  ]);
  const today = await board({ board: "staff", period: "day" });
  expect(today.body.entries.map((e: { memberId: string }) => e.memberId)).toEqual(["LiNa", "WangFang"]);
  expect((await board({ board: "staff", period: "day", date: "2026-11-26" })).body.entries).toEqual([]);

  expect((await rankOf(lina)).body).toMatchObject({ score: 2, rank: 1, members: 2 });
  expect((await rankOf(wangfang)).body).toMatchObject({ score: 1, rank: 2, members: 2 });
  expect((await rankOf(await sandboxLogin(app, "staff", "LiuYang"))).body).toMatchObject({ score: 0, rank: null, members: 2 });
});

test("equal scores share a rank and are listed by member id; a customer referrer has a board of their own", async () => {
  const chen = await sandboxLogin(app, "staff", "ChenJing");
  const yang = await sandboxLogin(app, "staff", "YangLei");
  await inviteeThrough(await codeOf(chen), "戊");
  await inviteeThrough(await codeOf(yang), "己");
  app.deps.clock.advance(DEFAULT_POLICY.qualifyDays * DAY_MS + 60_000);
  await qualifyDue(app.deps);
  const all = await board({ board: "staff", period: "all" });
  const ones = all.body.entries.filter((e: { score: number }) => e.score === 1);
  expect(ones.map((e: { memberId: string }) => e.memberId)).toEqual(["ChenJing", "WangFang", "YangLei"]);
  expect(ones.map((e: { rank: number }) => e.rank)).toEqual([2, 2, 2]);
  expect(all.body.entries[0]).toMatchObject({ memberId: "LiNa", rank: 1, score: 2 });
  const chenRank = (await rankOf(chen)).body.rank;
  const yangRank = (await rankOf(yang)).body.rank;
  expect([chenRank, yangRank]).toEqual([2, 2]);
  expect((await rankOf(chen)).body.members).toBe(4);
  expect((await board({ board: "customer", period: "all" })).body.entries).toEqual([]);
});
