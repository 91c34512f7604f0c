import Router from "@koa/router";
import request from "supertest";
import { createLogger } from "../../../server/src/platform/logger";
import { appWithRoutes, startTestApp, type TestApp } from "../../helpers/app";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

test("every answer carries a request id, the caller's when it is sane", async () => {
  const own = await request(app.url).get("/healthz").set("X-Request-Id", "req-123");
  expect(own.headers["x-request-id"]).toBe("req-123");
  const made = await request(app.url).get("/healthz").set("X-Request-Id", "bad id with spaces <script>");
  expect(made.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("an unknown API route answers a 404 error body", async () => {
  const res = await request(app.url).get("/api/nothing-here");
  expect(res.status).toBe(404);
  expect(res.body).toEqual({ error: { code: "not_found", message: "Route not found", requestId: res.headers["x-request-id"] } });
});

test("malformed JSON is a 400 with a clear message, not a 500", async () => {
  const res = await request(app.url).post("/api/sandbox/login").set("Content-Type", "application/json").send('{"role":');
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: "bad_request", message: "The request body is not valid JSON" });
});

test("a body over the limit is refused with 413", async () => {
  const res = await request(app.url)
    .post("/api/sandbox/login")
    .set("Content-Type", "application/json")
    .send(JSON.stringify({ role: "customer", pad: "x".repeat(300 * 1024) }));
  expect(res.status).toBe(413);
  expect(res.body.error.code).toBe("payload_too_large");
});

test("an unexpected error answers a generic 500; the details stay in the log", async () => {
  const lines: string[] = [];
  const deps = { ...app.deps, logger: createLogger("info", {}, { write: (l: string) => lines.push(l) }) };
  const broken = new Router();
  broken.get("/api/broken", deps.allow("public"), () => {
    throw Object.assign(new Error("db password is hunter2"), { body: "phone=13800138000" });
  });
  const res = await request(appWithRoutes(deps, broken).callback()).get("/api/broken");
  expect(res.status).toBe(500);
  expect(res.body.error).toEqual({ code: "internal", message: "Something went wrong on our side", requestId: res.headers["x-request-id"] });
  const logged = lines.join("");
  expect(logged).toContain("hunter2"); // the operator sees the cause…
  expect(logged).toContain(res.headers["x-request-id"]);
  expect(logged).not.toContain("13800138000"); // …but not fields that may carry personal data
});

test("the logger redacts secrets, tokens, phones and session keys", () => {
  const lines: string[] = [];
  const logger = createLogger("info", {}, { write: (l: string) => lines.push(l) });
  logger.info({ token: "t0k", user: { phone: "13800138000", session_key: "sk" }, headers: { authorization: "Bearer abc" }, corpsecret: "cs" }, "x");
  const out = lines.join("");
  for (const secret of ["t0k", "13800138000", '"sk"', "Bearer abc", '"cs"']) expect(out).not.toContain(secret);
  expect(out).toContain("[redacted]");
});
