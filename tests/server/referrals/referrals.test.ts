import request from "supertest";
import type { TestApp } from "../../helpers/app";
import { bearerOf, customerToken, sandboxLogin, startCouponWorld } from "../../helpers/coupons";
import { decodeQrPng } from "../../helpers/miniapp";
import { waitFor } from "../../helpers/waitFor";
import { Referral } from "../../../server/src/referrals/referral.entity";
import { CustomerFollow } from "../../../server/src/customers/follow.entity";
import { sceneProblem } from "../../../server/src/miniapp/scene";
import { phoneHeaders } from "../../helpers/referrals";

let app: TestApp;
let manager: string;
let campaignId: string;

beforeAll(async () => {
  ({ app, manager, campaignId } = await startCouponWorld());
});
afterAll(() => app.close());

const myCode = async (token: string, campaign = campaignId) => {
  const res = await request(app.url).get(`/api/campaigns/${campaign}/my-referral`).set(bearerOf(token));
  expect(res.status).toBe(200);
  return res.body.code as string;
};
const open = (token: string, code: string) => request(app.url).post("/api/referrals/open").set(bearerOf(token)).set(phoneHeaders()).send({ code });

test("every staff member and customer has one short code per campaign, usable as a mini-program scene", async () => {
  const lina = await sandboxLogin(app, "staff", "LiNa");
  const customer = await customerToken(app);
  const [a, b] = await Promise.all([myCode(lina), myCode(lina)]);
  expect(a).toBe(b);
  expect(await myCode(lina)).toBe(a);
  const theirs = await myCode(customer.token);
  expect(theirs).not.toBe(a);
  for (const code of [a, theirs]) expect(sceneProblem(code)).toBeNull();
  expect((await request(app.url).get("/api/campaigns/nope/my-referral").set(bearerOf(lina))).status).toBe(404);
});

test("the poster carries the mini-program code that opens the invite page with the referrer's code", async () => {
  const lina = await sandboxLogin(app, "staff", "LiNa");
  const code = await myCode(lina);
  const poster = await request(app.url).get(`/api/campaigns/${campaignId}/my-referral/poster.png`).set(bearerOf(lina)).buffer(true);
  expect(poster.status).toBe(200);
  expect(poster.type).toBe("image/png");
  expect(decodeQrPng(poster.body as Buffer)).toContain(`pages/invite/index?scene=${code}`);
});

test("an invitee is recorded once per campaign, even when two opens race; first touch wins", async () => {
  const staffCode = await myCode(await sandboxLogin(app, "staff", "WangFang"));
  const otherCode = await myCode(await sandboxLogin(app, "staff", "LiuYang"));
  const invitee = await customerToken(app);
  const answers = await Promise.all([open(invitee.token, staffCode), open(invitee.token, staffCode), open(invitee.token, otherCode)]);
  expect(answers.map((a) => a.body.outcome).sort()).toEqual(["already_referred", "already_referred", "recorded"]);
  const rows = await app.deps.db.manager.findBy(Referral, { campaignId, inviteeId: invitee.customerId });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ referrerKind: "staff", depth: 1, state: "pending" });
  expect((await open(invitee.token, otherCode)).body.outcome).toBe("already_referred");
});

test("chains keep their depth; self-referral and cycles do not count", async () => {
  const a = await customerToken(app);
  const b = await customerToken(app);
  const c = await customerToken(app);
  expect((await open(a.token, await myCode(a.token))).body.outcome).toBe("self_referral");
  expect((await open(b.token, await myCode(a.token))).body).toMatchObject({ outcome: "recorded", depth: 1 });
  expect((await open(c.token, await myCode(b.token))).body).toMatchObject({ outcome: "recorded", depth: 2 });
  expect((await open(a.token, await myCode(c.token))).body.outcome).toBe("self_referral");
  const cRow = await app.deps.db.manager.findOneByOrFail(Referral, { campaignId, inviteeId: c.customerId });
  const bRow = await app.deps.db.manager.findOneByOrFail(Referral, { campaignId, inviteeId: b.customerId });
  expect(cRow.parentId).toBe(bRow.id);
});

test("someone already ours is not a referral", async () => {
  const channel = await request(app.url)
    .post("/api/channels")
    .set(bearerOf(manager))
    .send({ campaignId, name: "门店", kind: "store", startsAt: "2026-01-01T00:00:00Z", endsAt: "2027-12-31T00:00:00Z", staffPool: ["LiNa"], routing: { kind: "round_robin" }, welcome: { text: "欢迎" } });
  const sim = app.deps.wecomSimulator!;
  const configId = sim.contactWays().find((w) => w.state === channel.body.channel.state)!.config_id;
  const receipt = await sim.customerAddsStaff({ configId, name: "老客户" });
  const follow = await waitFor(() => app.deps.db.manager.findOneBy(CustomerFollow, { externalUserId: (receipt.fields as Record<string, string>).ExternalUserID }));
  const existing = await customerToken(app, follow.customerId);
  const code = await myCode(await sandboxLogin(app, "staff", "ChenJing"));
  expect((await open(existing.token, code)).body.outcome).toBe("existing_customer");
  expect((await open(existing.token, "rnosuchcode")).status).toBe(404);
});
