import { createServer } from "node:net";
import request from "supertest";
import { startTestApp, type TestApp } from "../../../helpers/app";

/** A port free right now, so the app's public base URL (and so its simulator's callback URL) is known before it starts. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

describe("in sandbox mode", () => {
  let app: TestApp;
  beforeAll(async () => {
    const port = await freePort();
    app = await startTestApp({ PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}` });
  });
  afterAll(() => app.close());

  test("the simulator answers at /sandbox/wecom with the configured corp and secrets", async () => {
    const { wecom } = app.config;
    const res = await request(app.url).get("/sandbox/wecom/cgi-bin/gettoken").query({ corpid: wecom.corpId, corpsecret: wecom.contactSecret });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ errcode: 0, access_token: expect.any(String), expires_in: 7200 });
    const corp = await request(app.url).get("/sandbox/wecom/_inspect/corp");
    expect(corp.body).toMatchObject({ corpId: wecom.corpId, agentId: wecom.agentId });
  });

  test("our WeCom client reaches it through config.wecom.apiBase, with its token in the database", async () => {
    const { wecom, wecomSimulator } = app.deps;
    const way = await wecom.contactWays.add({ type: 1, scene: 2, user: ["WangFang"], state: "expo2026" });
    expect(wecomSimulator!.contactWays().map((w) => w.config_id)).toContain(way.config_id);
    const rows = await app.deps.db.manager.query("SELECT kind FROM wecom_access_tokens WHERE token IS NOT NULL");
    expect(rows).toEqual([{ kind: "contact" }]);
  });

  test("its callbacks reach our own /wecom/callback, which accepts them", async () => {
    const receipt = await app.deps.wecomSimulator!.customerAddsStaff({ userId: "LiNa", state: "expo2026" });
    expect(receipt.outcome).toBe("delivered");
    expect(receipt.deliveries[0].attempts.map((a) => a.status)).toEqual([200]);
  });
});

test("outside sandbox mode there is no simulator", async () => {
  const app = await startTestApp({ SANDBOX: "0" });
  try {
    expect(app.deps.wecomSimulator).toBeUndefined();
    expect((await request(app.url).get("/sandbox/wecom/cgi-bin/gettoken")).status).toBe(404);
  } finally {
    await app.close();
  }
});
