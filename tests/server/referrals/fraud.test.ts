import request from "supertest";
import type { TestApp } from "../../helpers/app";
import { bearerOf, sandboxLogin } from "../../helpers/coupons";
import { waitFor } from "../../helpers/waitFor";
import { addsAdviser, inviteeThrough, miniappCustomer, phoneHeaders, referralCodeOf, startReferralWorld } from "../../helpers/referrals";
import { Referral } from "../../../server/src/referrals/referral.entity";
import { qualifyDue } from "../../../server/src/referrals/qualification";
import { DAY_MS, HOUR_MS } from "../../../server/src/platform/clock";

let app: TestApp;
let manager: string;
let campaignId: string;
let state: string;

beforeAll(async () => {
  ({ app, manager, campaignId, state } = await startReferralWorld());
});
afterAll(() => app.close());

const api = () => request(app.url);
const setPolicy = (policy: Record<string, unknown>) => api().put(`/api/campaigns/${campaignId}/referral-policy`).set(bearerOf(manager)).send(policy);
/** Each new customer's session, to act as them later. */
const tokens = new Map<string, { token: string; customerId: string }>();
const open = async (code: string, headers = phoneHeaders()) => {
  const customer = await miniappCustomer(app);
  tokens.set(customer.customerId, customer);
  const res = await api().post("/api/referrals/open").set(bearerOf(customer.token)).set(headers).send({ code });
  expect(res.status).toBe(200);
  return { outcome: res.body.outcome as string, customerId: customer.customerId };
};
const staffCode = async (userid: string) => referralCodeOf(app, campaignId, await sandboxLogin(app, "staff", userid));
const suspicious = async () => (await api().get(`/api/campaigns/${campaignId}/suspicious`).set(bearerOf(manager))).body;
const board = async (query: Record<string, string>) =>
  (await api().get(`/api/campaigns/${campaignId}/leaderboard`).query(query).set(bearerOf(manager))).body.entries.map((e: { memberId: string; score: number }) => [e.memberId, e.score]);

test("the referral policy is the playbook's by default, a manager's to change, and validated", async () => {
  const policy = await api().get(`/api/campaigns/${campaignId}/referral-policy`).set(bearerOf(manager));
  expect(policy.body).toEqual({ campaignId, qualifyDays: 7, inviterHourlyLimit: 30, burstLimit: 5, inviteCap: null });
  const bad = await setPolicy({ qualifyDays: 0, burstLimit: 1 });
  expect(bad.status).toBe(422);
  expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["burstLimit", "qualifyDays"]);
  const staff = await sandboxLogin(app, "staff", "LiNa");
  expect((await api().put(`/api/campaigns/${campaignId}/referral-policy`).set(bearerOf(staff)).send({})).status).toBe(403);
  expect((await api().get(`/api/campaigns/nope/referral-policy`).set(bearerOf(manager))).status).toBe(404);
  expect((await api().get(`/api/campaigns/${campaignId}/referral-policy`).set(bearerOf(manager))).body.qualifyDays).toBe(7); // nothing half-written
});

test("an inviter past the hourly limit is refused until the hour has passed; a customer past the cap is refused", async () => {
  expect((await setPolicy({ inviterHourlyLimit: 2, inviteCap: 1 })).status).toBe(200);
  const code = await staffCode("LiuYang");
  expect((await open(code)).outcome).toBe("recorded");
  expect((await open(code)).outcome).toBe("recorded");
  const refused = await open(code);
  expect(refused.outcome).toBe("rate_limited");
  expect(await app.deps.db.manager.existsBy(Referral, { campaignId, inviteeId: refused.customerId })).toBe(false);
  app.deps.clock.advance(HOUR_MS + 1_000);
  expect((await open(code)).outcome).toBe("recorded");

  const { token } = await miniappCustomer(app);
  const customerCode = await referralCodeOf(app, campaignId, token);
  expect((await open(customerCode)).outcome).toBe("recorded");
  expect((await open(customerCode)).outcome).toBe("cap_reached");
  await setPolicy({});
});

test("a burst from one device is flagged and held; a manager voids one with a reason (audited) and clears another, which qualifies after the campaign's days", async () => {
  expect((await setPolicy({ burstLimit: 3, qualifyDays: 2 })).status).toBe(200);
  const code = await staffCode("ChenJing");
  const farm = "dev-farm-000001";
  const burst = [];
  for (let i = 0; i < 3; i++) burst.push(await open(code, { ...phoneHeaders(), "X-Device-Id": farm }));
  const honest = await open(code);
  expect([...burst, honest].map((b) => b.outcome)).toEqual(["recorded", "recorded", "recorded", "recorded"]);

  const listed = await suspicious();
  expect(listed.referrals.map((r: { inviteeId: string }) => r.inviteeId).sort()).toEqual(burst.map((b) => b.customerId).sort());
  expect(listed.referrals[0]).toMatchObject({ referrerKind: "staff", referrerId: "ChenJing", flags: ["device_burst"], device: farm, state: "pending" });
  expect(await board({ board: "staff", metric: "new" })).toContainEqual(["ChenJing", 4]);

  const [voided, cleared, held] = burst.map((b) => listed.referrals.find((r: { inviteeId: string }) => r.inviteeId === b.customerId) as { id: string; inviteeId: string });
  expect((await api().post(`/api/referrals/${voided.id}/void`).set(bearerOf(manager)).send({ reason: "" })).status).toBe(422);
  const staff = await sandboxLogin(app, "staff", "LiNa");
  expect((await api().post(`/api/referrals/${voided.id}/void`).set(bearerOf(staff)).send({ reason: "刷单" })).status).toBe(403);
  const done = await api().post(`/api/referrals/${voided.id}/void`).set(bearerOf(manager)).send({ reason: "同一设备批量注册，判定刷单" });
  expect(done.status).toBe(200);
  expect(done.body.state).toBe("voided");
  expect((await api().post(`/api/referrals/${voided.id}/void`).set(bearerOf(manager)).send({ reason: "再次作废" })).status).toBe(409);
  expect((await api().post(`/api/referrals/${cleared.id}/clear`).set(bearerOf(manager)).send({ reason: "门店活动现场，核实为真实客户" })).status).toBe(200);
  expect(await board({ board: "staff", metric: "new" })).toContainEqual(["ChenJing", 3]);

  const audit = await api().get(`/api/referrals/${voided.id}/audit`).set(bearerOf(manager));
  expect(audit.body.entries.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
    ["flagged", "system"],
    ["voided", "ZhangWei"],
  ]);
  expect(audit.body.entries[1].reason).toBe("同一设备批量注册，判定刷单");
  expect((await suspicious()).referrals.map((r: { id: string }) => r.id)).toEqual([held.id]);

  // The cleared and the held invitee add an adviser: after the campaign's 2 days the cleared one qualifies, the flagged one waits.
  for (const [i, r] of [cleared, held].entries()) await addsAdviser(app, tokens.get(r.inviteeId)!, campaignId, state, `设备${i}`);
  await setPolicy({});
  app.deps.clock.advance(2 * DAY_MS + 60_000);
  expect(await qualifyDue(app.deps)).toEqual({ qualified: 1, revoked: 0 });
  const db = app.deps.db.manager;
  expect((await db.findOneByOrFail(Referral, { id: cleared.id })).state).toBe("qualified");
  expect((await db.findOneByOrFail(Referral, { id: held.id })).state).toBe("pending");
  expect(await board({ board: "staff" })).toContainEqual(["ChenJing", 1]);

  // Voiding a qualified referral takes it off the qualified board too.
  await api().post(`/api/referrals/${cleared.id}/void`).set(bearerOf(manager)).send({ reason: "复核后发现为员工亲属" }).expect(200);
  expect(await board({ board: "staff" })).not.toContainEqual(["ChenJing", 1]);
  expect(await board({ board: "staff", metric: "new" })).toContainEqual(["ChenJing", 2]);
});

test("a burst from one IP address is flagged too", async () => {
  expect((await setPolicy({ burstLimit: 2 })).status).toBe(200);
  const code = await staffCode("LiuYang");
  const office = { "X-Forwarded-For": "203.0.113.9" };
  const [first, second] = [await open(code, { ...phoneHeaders(), ...office }), await open(code, { ...phoneHeaders(), ...office })];
  const flagged = (await suspicious()).referrals.filter((r: { ip: string }) => r.ip === "203.0.113.9");
  expect(flagged.map((r: { inviteeId: string; flags: string[] }) => [r.inviteeId, r.flags]).sort()).toEqual(
    [first, second].map((o) => [o.customerId, ["ip_burst"]]).sort(),
  );
  await setPolicy({});
});

test("a device id counts the same whatever its case (a burst cannot hide behind upper case)", async () => {
  expect((await setPolicy({ burstLimit: 2 })).status).toBe(200);
  const code = await staffCode("LiuYang");
  const first = await open(code, { ...phoneHeaders(), "X-Device-Id": "CaseFarm-0001" });
  const second = await open(code, { ...phoneHeaders(), "X-Device-Id": "casefarm-0001" });
  const flagged = (await suspicious()).referrals.filter((r: { device: string }) => r.device === "casefarm-0001");
  expect(flagged.map((r: { inviteeId: string; flags: string[] }) => [r.inviteeId, r.flags]).sort()).toEqual(
    [first, second].map((o) => [o.customerId, ["device_burst"]]).sort(),
  );
  await setPolicy({});
});

test("openings that arrive together are screened as one batch and still see each other: the first of an invitee wins, the limit and the burst hold", async () => {
  expect((await setPolicy({ inviterHourlyLimit: 2, burstLimit: 2 })).status).toBe(200);
  const code = (await app.deps.referrals.code(await staffCode("ZhaoMin")))!;
  const [policy, department] = [await app.deps.referrals.policies.of(campaignId), await app.deps.referrals.departmentOf("staff", "ZhaoMin")];
  const customers = [];
  for (let i = 0; i < 4; i++) customers.push((await miniappCustomer(app)).customerId);
  const farm = { ip: "198.51.100.7", device: "dev-farm-batch01" };
  const openings = [...customers, customers[0]].map((customerId) => ({ code, customerId, origin: farm, policy, department }));
  // Written in one turn of the event loop, so they share one batch.
  const answers = await Promise.all(openings.map((o) => app.deps.referrals.recordings.write(o)));
  expect(answers.map((a) => a.outcome)).toEqual(["recorded", "recorded", "rate_limited", "rate_limited", "already_referred"]);
  const stored = await app.deps.db.manager.findBy(Referral, { campaignId, referrerId: "ZhaoMin" });
  expect(stored.map((r) => [r.inviteeId, r.flags]).sort()).toEqual([
    [customers[0], "ip_burst,device_burst"],
    [customers[1], "ip_burst,device_burst"],
  ].sort());
  expect(await board({ board: "staff", metric: "new" })).toContainEqual(["ZhaoMin", 2]);
  await setPolicy({});
});

test("invitees who leave before qualifying count against their inviter, who is listed for review", async () => {
  const code = await staffCode("YangLei");
  const leavers = [];
  for (let i = 0; i < 3; i++) leavers.push(await inviteeThrough(app, campaignId, state, code, `走${i}`));
  await new Promise((r) => setTimeout(r, 1_100)); // WeCom's CreateTime is in seconds: the deletions must come after the adds
  for (const l of leavers) await app.deps.wecomSimulator!.customerDeletesStaff({ userId: l.staffUserId, externalUserId: l.externalUserId });
  await waitFor(async () => {
    await app.deps.inboxWorker.tick();
    return (await app.deps.db.manager.countBy(Referral, { campaignId, referrerId: "YangLei", state: "revoked" })) === 3;
  });
  expect((await suspicious()).inviters).toContainEqual({ referrerKind: "staff", referrerId: "YangLei", name: expect.any(String), qualified: 0, revoked: 3 });
  expect(await board({ board: "staff", metric: "new" })).not.toContainEqual(expect.arrayContaining(["YangLei"]));
});
