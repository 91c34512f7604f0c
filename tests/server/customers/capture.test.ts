import request from "supertest";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { startTestApp, type TestApp } from "../../helpers/app";
import { syncDirectory } from "../../../server/src/wecom/directory/sync";
import { DEMO } from "../../../server/src/sandbox/wecom";
import type { WecomSimulator } from "../../../server/src/sandbox/wecom/simulator";
import { CustomerFollow } from "../../../server/src/customers/follow.entity";
import { Customer } from "../../../server/src/customers/customer.entity";
import { waitFor } from "../../helpers/waitFor";

let app: TestApp;
let sim: WecomSimulator;
let manager: string;
const EXPO_TAG = "etDemoTagExpo0000000000001";

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const login = async (role: string, userId?: string) => (await request(app.url).post("/api/sandbox/login").send({ role, userId })).body.token as string;

beforeAll(async () => {
  app = await startTestApp();
  sim = app.deps.wecomSimulator!;
  await syncDirectory(app.deps);
  manager = await login("manager");
});
afterAll(() => app.close());

async function createChannel(overrides: Record<string, unknown> = {}) {
  const campaign = await request(app.url)
    .post("/api/campaigns")
    .set(as(manager))
    .send({ name: "2026 秋季车展", startsAt: "2026-01-01T00:00:00Z", endsAt: "2027-12-31T00:00:00Z", budgetFen: 5_000_000 });
  expect(campaign.status).toBe(201);
  const res = await request(app.url)
    .post("/api/channels")
    .set(as(manager))
    .send({
      campaignId: campaign.body.campaign.id,
      name: "展会 A 馆展台",
      kind: "expo",
      startsAt: "2026-01-01T00:00:00Z",
      endsAt: "2027-12-31T00:00:00Z",
      costFen: 1_200_000,
      staffPool: ["LiNa", "WangFang"],
      routing: { kind: "round_robin", dailyCap: 1 },
      tags: [EXPO_TAG],
      welcome: {
        text: "您好，欢迎光临展台！",
        attachments: [
          { type: "link", title: "新客礼券", url: "https://example.com/coupon" },
          { type: "miniprogram", title: "领取新客礼券", page: "pages/landing/index" },
        ],
      },
      ...overrides,
    });
  expect(res.status).toBe(201);
  return res.body.channel as { id: string; state: string; qrCode: string; contactWayUsers: string[] };
}

const configIdOf = (state: string) => sim.contactWays().find((w) => w.state === state)!.config_id;


test("a scan through a channel makes a customer with the relation, the channel's tags and its welcome", async () => {
  const channel = await createChannel();
  expect(channel.contactWayUsers.sort()).toEqual(["LiNa", "WangFang"]);
  const receipt = await sim.customerAddsStaff({ configId: configIdOf(channel.state), name: "周先生" });
  expect(receipt.outcome).toBe("delivered");
  const { UserID: staff, ExternalUserID: external } = receipt.fields as Record<string, string>;

  const follow = await waitFor(() => app.deps.db.manager.findOneBy(CustomerFollow, { externalUserId: external, welcomeStatus: "sent" }));
  expect(follow).toMatchObject({ staffUserId: staff, channelId: channel.id, status: "active", countedNew: true, tags: [EXPO_TAG] });
  const customer = await app.deps.db.manager.findOneByOrFail(Customer, { id: follow.customerId });
  expect(customer.name).toBe("周先生");

  const welcome = sim.welcomes().find((w) => w.external_userid === external)!;
  expect(welcome.text?.content).toBe("您好，欢迎光临展台！");
  expect(welcome.attachments).toHaveLength(2);
  expect(welcome.codeAgeMs).toBeLessThan(20_000);
  await waitFor(() => sim.calls({ path: "/cgi-bin/externalcontact/mark_tag" }).some((c) => JSON.stringify(c.body).includes(external)) || undefined);

  // The daily cap of 1 is reached for that staff member: the contact way now lists only the other one.
  const way = await waitFor(() => sim.contactWays().find((w) => w.state === channel.state && w.user?.length === 1));
  expect(way.user).toEqual([staff === "LiNa" ? "WangFang" : "LiNa"]);

  const stats = await request(app.url).get(`/api/channels/${channel.id}/stats`).set(as(manager));
  expect(stats.body.totals).toMatchObject({ new: 1, returning: 0, lost1d: 0, net: 1 });
});

test("a duplicated callback makes one customer and one welcome", async () => {
  const channel = await createChannel({ routing: { kind: "round_robin" } });
  sim.injectCallbackFaults({ duplicate: 1 });
  const receipt = await sim.customerAddsStaff({ configId: configIdOf(channel.state), name: "吴女士" });
  sim.clearFaults();
  const external = (receipt.fields as Record<string, string>).ExternalUserID;
  await waitFor(() => app.deps.db.manager.findOneBy(CustomerFollow, { externalUserId: external, welcomeStatus: "sent" }));
  await app.deps.inboxWorker.tick();
  expect(await app.deps.db.manager.countBy(CustomerFollow, { externalUserId: external })).toBe(1);
  expect(sim.welcomes().filter((w) => w.external_userid === external)).toHaveLength(1);
});

test("a customer who deletes the staff member is lost, the staff member is alerted, and the channel counts it", async () => {
  const channel = await createChannel({ routing: { kind: "round_robin" } });
  const receipt = await sim.customerAddsStaff({ configId: configIdOf(channel.state), name: "郑先生" });
  const { UserID: staff, ExternalUserID: external } = receipt.fields as Record<string, string>;
  await waitFor(() => app.deps.db.manager.findOneBy(CustomerFollow, { externalUserId: external }));

  await sim.customerDeletesStaff({ userId: staff, externalUserId: external });
  await app.deps.inboxWorker.tick();
  const follow = await app.deps.db.manager.findOneByOrFail(CustomerFollow, { externalUserId: external });
  expect(follow.status).toBe("lost");
  expect(sim.messages().some((m) => JSON.stringify(m).includes("郑先生") && JSON.stringify(m).includes(staff))).toBe(true);
  const stats = await request(app.url).get(`/api/channels/${channel.id}/stats`).set(as(manager));
  expect(stats.body.totals).toMatchObject({ new: 1, lost1d: 1, lost30d: 1, net: 0 });

  // Coming back re-activates the relation and counts as returning, not new. (A later second: within
  // one second, the same add is indistinguishable from a redelivery by WeCom's own fields.)
  await new Promise((r) => setTimeout(r, 1_100));
  await sim.customerAddsStaff({ userId: staff, externalUserId: external, state: channel.state });
  await waitFor(() => app.deps.db.manager.findOneBy(CustomerFollow, { externalUserId: external, status: "active", welcomeStatus: "sent" }));
  expect(sim.welcomes().filter((w) => w.external_userid === external)).toHaveLength(2); // a new relation, a new welcome
  const again = await request(app.url).get(`/api/channels/${channel.id}/stats`).set(as(manager));
  expect(again.body.totals.returning).toBe(1);
});

test("staff see only their own customers; managers see everyone's", async () => {
  const channel = await createChannel({ routing: { kind: "round_robin" }, staffPool: ["ChenJing"] });
  const receipt = await sim.customerAddsStaff({ configId: configIdOf(channel.state), name: "钱女士" });
  const external = (receipt.fields as Record<string, string>).ExternalUserID;
  const follow = await waitFor(() => app.deps.db.manager.findOneBy(CustomerFollow, { externalUserId: external }));

  const chen = await login("staff", "ChenJing");
  const yang = await login("staff", "YangLei");
  const mine = await request(app.url).get(`/api/customers?channelId=${channel.id}`).set(as(chen));
  expect(mine.body.customers.map((c: { name: string }) => c.name)).toEqual(["钱女士"]);
  const theirs = await request(app.url).get(`/api/customers?channelId=${channel.id}`).set(as(yang));
  expect(theirs.body.customers).toEqual([]);
  expect((await request(app.url).get(`/api/customers/${follow.customerId}`).set(as(yang))).status).toBe(404);
  const detail = await request(app.url).get(`/api/customers/${follow.customerId}`).set(as(chen));
  expect(detail.body.timeline.map((t: { kind: string }) => t.kind)).toEqual(expect.arrayContaining(["added", "welcome"]));
  const all = await request(app.url).get(`/api/customers?channelId=${channel.id}`).set(as(manager));
  expect(all.body.total).toBe(1);

  const edited = await request(app.url).patch(`/api/customers/${follow.customerId}/follow`).set(as(chen)).send({ remark: "关注 SUV", tags: [EXPO_TAG, "etDemoTagLevelA00000000001"] });
  expect(edited.status).toBe(200);
  expect(edited.body.follow).toMatchObject({ remark: "关注 SUV", tags: [EXPO_TAG, "etDemoTagLevelA00000000001"] });
});

test("a channel's printable card carries its contact QR code", async () => {
  const channel = await createChannel({ routing: { kind: "round_robin" } });
  const res = await request(app.url).get(`/api/channels/${channel.id}/card.png`).set(as(manager)).buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on("data", (c: Buffer) => chunks.push(c));
    r.on("end", () => done(null, Buffer.concat(chunks)));
  });
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toBe("image/png");
  const png = PNG.sync.read(res.body as Buffer);
  // The card carries WeCom's own contact QR (in sandbox, the image the simulator serves for the
  // contact way), so scanning the print adds the staff member directly.
  const image = await fetch(channel.qrCode);
  expect(image.headers.get("content-type")).toBe("image/png");
  const qr = PNG.sync.read(Buffer.from(await image.arrayBuffer()));
  const contactLink = jsQR(new Uint8ClampedArray(qr.data), qr.width, qr.height)?.data;
  expect(contactLink).toMatch(/^https:\/\/work\.weixin\.qq\.com\/ca\//);
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data).toBe(contactLink);
});

test("bad channel input is refused naming the field; staff cannot manage channels", async () => {
  const bad = await request(app.url).post("/api/channels").set(as(manager)).send({ name: "" });
  expect(bad.status).toBe(422);
  const staff = await login("staff", "LiNa");
  expect((await request(app.url).get("/api/campaigns").set(as(staff))).status).toBe(403);
});

test("a welcome WeCom refuses is recorded with its reason and not retried; a staff-side deletion is `removed`", async () => {
  const channel = await createChannel({ routing: { kind: "round_robin" } });
  const createTime = Math.floor(Date.now() / 1000);
  const fields = { Event: "change_external_contact", ChangeType: "add_external_contact", UserID: "WangFang", ExternalUserID: DEMO.customers[0], State: channel.state, WelcomeCode: "EXPIREDCODE0001", CreateTime: String(createTime) };
  const signed = sim.signedCallback(fields);
  await request(app.url).post("/wecom/callback").query(signed.query).send(signed.body).expect(200, "success");
  const follow = await waitFor(() => app.deps.db.manager.findOneBy(CustomerFollow, { externalUserId: DEMO.customers[0], welcomeStatus: "refused" }));
  expect(follow.welcomeError).toMatch(/^40029 /);
  await app.deps.inboxWorker.tick();
  expect(sim.calls({ path: "/cgi-bin/externalcontact/send_welcome_msg" }).filter((c) => JSON.stringify(c.body).includes("EXPIREDCODE0001"))).toHaveLength(1);

  await sim.staffDeletesCustomer({ userId: "WangFang", externalUserId: DEMO.customers[0] });
  await app.deps.inboxWorker.tick();
  expect(await app.deps.db.manager.findOneByOrFail(CustomerFollow, { id: follow.id })).toMatchObject({ status: "removed" });
});
