import request from "supertest";
import Router from "@koa/router";
import { appWithRoutes, startTestApp, type TestApp } from "../../helpers/app";
import { buildRouter } from "../../../server/src/app";

describe("in sandbox mode", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const login = (role: string, name?: string) => request(app.url).post("/api/sandbox/login").send({ role, name });

  test.each(["customer", "staff", "manager"])("signs in as a demo %s and reads the session back", async (role) => {
    const res = await login(role);
    expect(res.status).toBe(201);
    expect(res.body.user.role).toBe(role);
    expect(res.body.token).toMatch(/^[\w-]{43}$/);
    const me = await request(app.url).get("/api/me").set("Authorization", `Bearer ${res.body.token}`);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: res.body.user });
  });

  test("the token is stored only as a keyed hash", async () => {
    const { body } = await login("staff", "王芳");
    const rows: { token_hash: string }[] = await app.deps.db.manager.query("SELECT token_hash FROM sessions");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.token_hash)).not.toContain(body.token);
    expect(body.user.name).toBe("王芳");
  });

  test("no token, a wrong token or an expired one is 401", async () => {
    expect((await request(app.url).get("/api/me")).status).toBe(401);
    expect((await request(app.url).get("/api/me").set("Authorization", "Bearer nope")).status).toBe(401);
    expect((await request(app.url).get("/api/me").set("Authorization", "Basic abc")).status).toBe(401);
    const { body } = await login("customer");
    await app.deps.db.transaction((em) => em.query("UPDATE sessions SET expires_at = ?", [Date.now() - 1]));
    const res = await request(app.url).get("/api/me").set("Authorization", `Bearer ${body.token}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthorized");
  });

  test("a role not on the route's list is 403", async () => {
    const { body } = await login("customer");
    const router = new Router();
    router.get("/api/managers-only", app.deps.allow("manager"), (ctx) => {
      ctx.body = { ok: true };
    });
    const res = await request(appWithRoutes(app.deps, router).callback()).get("/api/managers-only").set("Authorization", `Bearer ${body.token}`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
  });

  test("bad login input is a 422 naming the field", async () => {
    const res = await login("admin");
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].path).toBe("role");
  });
});

describe("with SANDBOX=0", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ SANDBOX: "0" });
  });
  afterAll(() => app.close());

  test("the sandbox login route does not exist", async () => {
    const res = await request(app.url).post("/api/sandbox/login").send({ role: "manager" });
    expect(res.status).toBe(404);
    const paths = buildRouter(app.deps).stack.map((l) => l.path);
    expect(paths).not.toContain("/api/sandbox/login");
  });
});
