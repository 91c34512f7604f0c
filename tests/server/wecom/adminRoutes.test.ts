import request from "supertest";
import { startTestApp, type TestApp } from "../../helpers/app";
import { addContactEvent, eventXml, signCallback } from "../../helpers/wecomCallback";

let app: TestApp;
let failing = true;

beforeAll(async () => {
  app = await startTestApp();
  app.deps.inboxHandlers.register("change_external_contact", "edit_external_contact", async () => {
    if (failing) throw new Error("customers module unavailable");
  });
});
afterAll(() => app.close());

const login = async (role: string) => (await request(app.url).post("/api/sandbox/login").send({ role })).body.token as string;

test("a manager lists dead events and replays one after the cause is fixed", async () => {
  const { WelcomeCode: _, ...fields } = addContactEvent(app.config, { ChangeType: "edit_external_contact", ExternalUserID: "wmLeaver" });
  const signed = signCallback(app.config, eventXml(fields));
  await request(app.url).post("/wecom/callback").query(signed.query).send(signed.body).expect(200, "success");
  // Exhaust the retries quickly.
  await app.deps.db.transaction((em) => em.query("UPDATE wecom_inbox SET attempts = 7, next_attempt_at = 0"));
  await app.deps.inboxWorker.tick();

  const manager = await login("manager");
  const list = await request(app.url).get("/api/admin/wecom/events?state=dead").set("Authorization", `Bearer ${manager}`);
  expect(list.status).toBe(200);
  expect(list.body.events).toHaveLength(1);
  expect(list.body.events[0]).toMatchObject({ changeType: "edit_external_contact", externalUserId: "wmLeaver", state: "dead", attempts: 8, lastError: "customers module unavailable" });

  failing = false;
  const id = list.body.events[0].id;
  const replay = await request(app.url).post(`/api/admin/wecom/events/${id}/replay`).set("Authorization", `Bearer ${manager}`);
  expect(replay.status).toBe(200);
  expect(replay.body.event).toMatchObject({ id, state: "done", lastError: null });

  const again = await request(app.url).post(`/api/admin/wecom/events/${id}/replay`).set("Authorization", `Bearer ${manager}`);
  expect(again.status).toBe(409);
  const missing = await request(app.url).post(`/api/admin/wecom/events/nope/replay`).set("Authorization", `Bearer ${manager}`);
  expect(missing.status).toBe(404);
});

test("staff and customers may not see the event log; a bad filter is a 422", async () => {
  for (const role of ["staff", "customer"]) {
    const res = await request(app.url).get("/api/admin/wecom/events").set("Authorization", `Bearer ${await login(role)}`);
    expect(res.status).toBe(403);
  }
  const bad = await request(app.url).get("/api/admin/wecom/events?state=bogus").set("Authorization", `Bearer ${await login("manager")}`);
  expect(bad.status).toBe(422);
});
