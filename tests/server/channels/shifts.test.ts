import request from "supertest";
import { startTestApp, type TestApp } from "../../helpers/app";
import { syncDirectory } from "../../../server/src/wecom/directory/sync";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await syncDirectory(app.deps);
});
afterAll(() => app.close());

test("a working-hours channel hands its contact way to the fallback after hours (business clock)", async () => {
  const token = (await request(app.url).post("/api/sandbox/login").send({ role: "manager" })).body.token;
  const auth = { Authorization: `Bearer ${token}` };
  app.deps.clock.set(new Date("2026-11-26T02:00:00Z")); // Thursday 10:00 in Shanghai
  const campaign = await request(app.url).post("/api/campaigns").set(auth).send({ name: "门店", startsAt: "2026-01-01T00:00:00Z", endsAt: "2027-01-01T00:00:00Z" });
  const created = await request(app.url)
    .post("/api/channels")
    .set(auth)
    .send({
      campaignId: campaign.body.campaign.id,
      name: "门店前台",
      kind: "store",
      startsAt: "2026-01-01T00:00:00Z",
      endsAt: "2027-01-01T00:00:00Z",
      staffPool: ["LiNa", "WangFang", "ChenJing"],
      routing: { kind: "working_hours", fallbackStaff: "ChenJing" },
      welcome: { text: "" },
    });
  expect(created.body.channel.contactWayUsers.sort()).toEqual(["ChenJing", "LiNa", "WangFang"]);

  app.deps.clock.set(new Date("2026-11-26T14:00:00Z")); // 22:00
  const night = await request(app.url).post(`/api/channels/${created.body.channel.id}/refresh`).set(auth);
  expect(night.body).toMatchObject({ changed: true, channel: { contactWayUsers: ["ChenJing"] } });
  const way = app.deps.wecomSimulator!.contactWays().find((w) => w.state === created.body.channel.state)!;
  expect(way.user).toEqual(["ChenJing"]);

  app.deps.clock.set(new Date("2026-11-27T01:30:00Z")); // Friday 09:30
  const morning = await request(app.url).post(`/api/channels/${created.body.channel.id}/refresh`).set(auth);
  expect(morning.body.channel.contactWayUsers.sort()).toEqual(["ChenJing", "LiNa", "WangFang"]);
  app.deps.clock.reset();
});
