import request from "supertest";
import { startTestApp, type TestApp } from "../../helpers/app";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

test("healthz answers while the process lives", async () => {
  const res = await request(app.url).get("/healthz");
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: "ok" });
});

test("readyz is 200 when the database answers and migrations are applied", async () => {
  const res = await request(app.url).get("/readyz");
  expect(res.status).toBe(200);
});

test("the status shows business time, which the clock can move", async () => {
  app.deps.clock.set(new Date("2026-11-28T02:00:00Z")); // Saturday 10:00 in Shanghai
  const res = await request(app.url).get("/api/status");
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ sandbox: true, timezone: "Asia/Shanghai", workingTime: false });
  expect(Date.parse(res.body.businessTime) - Date.parse("2026-11-28T02:00:00Z")).toBeLessThan(5_000);
  app.deps.clock.reset();
});

test("readyz is 503 when migrations are pending", async () => {
  await app.deps.db.transaction((em) => em.query("DELETE FROM migrations"));
  const res = await request(app.url).get("/readyz");
  expect(res.status).toBe(503);
  expect(res.body.error.code).toBe("not_ready");
});
