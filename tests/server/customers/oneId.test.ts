import request from "supertest";
import { startTestApp, type TestApp } from "../../helpers/app";
import { syncDirectory } from "../../../server/src/wecom/directory/sync";
import { CustomerFollow } from "../../../server/src/customers/follow.entity";
import { Customer, CustomerMerge } from "../../../server/src/customers/customer.entity";
import { joinIdentities } from "../../../server/src/customers/oneId";
import { TimelineEntry } from "../../../server/src/customers/timeline.entity";
import { waitFor } from "../../helpers/waitFor";

let app: TestApp;
let manager: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  app = await startTestApp();
  await syncDirectory(app.deps);
  manager = (await request(app.url).post("/api/sandbox/login").send({ role: "manager" })).body.token;
});
afterAll(() => app.close());

async function channel(): Promise<{ id: string; state: string }> {
  const campaign = await request(app.url).post("/api/campaigns").set(as(manager)).send({ name: "门店活动", startsAt: "2026-01-01T00:00:00Z", endsAt: "2027-12-31T00:00:00Z" });
  const res = await request(app.url)
    .post("/api/channels")
    .set(as(manager))
    .send({
      campaignId: campaign.body.campaign.id,
      name: "旗舰店前台",
      kind: "store",
      startsAt: "2026-01-01T00:00:00Z",
      endsAt: "2027-12-31T00:00:00Z",
      staffPool: ["LiuYang", "YangLei"],
      routing: { kind: "least_loaded" },
      welcome: { text: "欢迎到店！" },
    });
  return res.body.channel;
}

async function wxLogin(openid: string, attribution?: object) {
  const { code } = app.deps.miniappSimulator!.issueLoginCode({ openid });
  return request(app.url).post("/api/auth/wx-login").send({ code, attribution });
}

test("a mini-program login creates a customer session; the code is single-use and session_key never leaves", async () => {
  const { code } = app.deps.miniappSimulator!.issueLoginCode({ openid: "oOpenidLogin1" });
  const first = await request(app.url).post("/api/auth/wx-login").send({ code });
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({ user: { role: "customer" }, newCustomer: true });
  expect(JSON.stringify(first.body)).not.toMatch(/session_?key/i);
  const again = await request(app.url).post("/api/auth/wx-login").send({ code });
  expect(again.status).toBe(401);
  const second = await wxLogin("oOpenidLogin1");
  expect(second.body).toMatchObject({ newCustomer: false, user: { id: first.body.user.id } });
});

test("without unionid, the landing page's own contact QR joins the mini-program user to their WeCom contact", async () => {
  const { state, id: channelId } = await channel();
  const landing = await request(app.url).get(`/api/landing/${state}`);
  expect(landing.body).toMatchObject({ channel: { name: "旗舰店前台", campaignName: "门店活动" }, live: true });

  const login = await wxLogin("oOpenidInvite1", { channelId });
  const customerId = login.body.user.id;
  const contact = await request(app.url).post(`/api/landing/${state}/contact`).set(as(login.body.token));
  expect(contact.status).toBe(200);
  expect(["LiuYang", "YangLei"]).toContain(contact.body.staffUserId);
  const again = await request(app.url).post(`/api/landing/${state}/contact`).set(as(login.body.token));
  expect(again.body.qrCode).toBe(contact.body.qrCode); // reused while it lives

  const sim = app.deps.wecomSimulator!;
  const way = sim.contactWays().find((w) => w.qr_code === contact.body.qrCode)!;
  const receipt = await sim.customerAddsStaff({ configId: way.config_id, name: "冯先生" });
  const external = (receipt.fields as Record<string, string>).ExternalUserID;
  const follow = await waitFor(() => app.deps.db.manager.findOneBy(CustomerFollow, { externalUserId: external }));
  expect(follow).toMatchObject({ customerId, channelId, countedNew: true, staffUserId: contact.body.staffUserId });
  expect((await app.deps.db.manager.findOneByOrFail(Customer, { id: customerId })).name).toBe("冯先生");

  // The QR forwarded to a friend: attributed to the channel, but the friend is their own person.
  await new Promise((r) => setTimeout(r, 1_100)); // a new second: not the first add's dedupe key
  way.used = false; // the simulator retires a used temporary way, as WeCom does; a forward races that
  const friend = await sim.customerAddsStaff({ configId: way.config_id, name: "卫女士" });
  const friendExternal = (friend.fields as Record<string, string>).ExternalUserID;
  const friendFollow = await waitFor(() => app.deps.db.manager.findOneBy(CustomerFollow, { externalUserId: friendExternal }));
  expect(friendFollow.channelId).toBe(channelId);
  expect(friendFollow.customerId).not.toBe(customerId);
});

test("two records found to be one person are merged, keeping every timeline entry", async () => {
  const now = new Date();
  const a = await app.deps.db.transaction((em) => joinIdentities(em, [{ kind: "miniapp_openid", value: "oMergeA" }], {}, now));
  const b = await app.deps.db.transaction((em) => joinIdentities(em, [{ kind: "wecom_external", value: "wmMergeB" }], { name: "褚女士" }, new Date(now.getTime() + 1000)));
  expect(a.customerId).not.toBe(b.customerId);
  const joined = await app.deps.db.transaction((em) =>
    joinIdentities(em, [{ kind: "wecom_external", value: "wmMergeB" }, { kind: "miniapp_openid", value: "oMergeA" }, { kind: "unionid", value: "uMerge" }], {}, now),
  );
  expect(joined).toMatchObject({ customerId: a.customerId, created: false, merged: [b.customerId] });
  expect(await app.deps.db.manager.findOneByOrFail(Customer, { id: b.customerId })).toMatchObject({ mergedInto: a.customerId });
  expect(await app.deps.db.manager.countBy(CustomerMerge, { fromCustomer: b.customerId, intoCustomer: a.customerId })).toBe(1);
  expect(await app.deps.db.manager.countBy(TimelineEntry, { customerId: a.customerId, kind: "merged" })).toBe(1);
  expect((await app.deps.db.manager.findOneByOrFail(Customer, { id: a.customerId })).name).toBe("");
});

test("the same openid logging in twice at once makes one customer", async () => {
  const [x, y] = await Promise.all([wxLogin("oOpenidRace"), wxLogin("oOpenidRace")]);
  expect(x.status).toBe(201);
  expect(y.status).toBe(201);
  expect(x.body.user.id).toBe(y.body.user.id);
});


test("a phone number is kept only with consent, encrypted, and a typed number never merges records", async () => {
  const first = await wxLogin("oPhoneOne");
  const second = await wxLogin("oPhoneTwo");
  const noConsent = await request(app.url).post("/api/me/phone").set(as(first.body.token)).send({ phone: "13800138000" });
  expect(noConsent.status).toBe(422);
  const notMobile = await request(app.url).post("/api/me/phone").set(as(first.body.token)).send({ phone: "12345", consent: true });
  expect(notMobile.status).toBe(422);

  expect((await request(app.url).post("/api/me/phone").set(as(first.body.token)).send({ phone: "138 0013 8000", consent: true })).status).toBe(204);
  const stored = await app.deps.db.manager.findOneByOrFail(Customer, { id: first.body.user.id });
  expect(stored.phoneCipher).toBeTruthy();
  expect(stored.phoneCipher).not.toContain("13800138000");
  expect(app.deps.pii.decrypt(stored.phoneCipher!)).toBe("13800138000");
  const everything = JSON.stringify(await app.deps.db.manager.query("SELECT * FROM customer_identities"));
  expect(everything).not.toContain("13800138000");

  // Someone else typing the same number proves nothing: both records stay their own people.
  expect((await request(app.url).post("/api/me/phone").set(as(second.body.token)).send({ phone: "+8613800138000", consent: true })).status).toBe(204);
  expect(await app.deps.db.manager.findOneByOrFail(Customer, { id: second.body.user.id })).toMatchObject({ mergedInto: null });
  const again = await wxLogin("oPhoneTwo");
  expect(again.body.user.id).toBe(second.body.user.id);
});
