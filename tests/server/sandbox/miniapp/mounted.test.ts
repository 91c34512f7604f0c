import { MiniappClient } from "../../../../server/src/miniapp";
import { startTestApp, type TestApp } from "../../../helpers/app";
import { decodeQrPng } from "../../../helpers/miniapp";

describe("the mini-program simulator in the sandbox server", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it("is mounted at /sandbox/miniapp and keyed from the same config as our client", async () => {
    expect(app.deps.miniapp).toBeInstanceOf(MiniappClient);
    expect(app.deps.miniappSimulator?.appId).toBe(app.config.miniapp.appId);
    expect(app.config.miniapp.apiBase).toBe(`${app.config.publicBaseUrl}/sandbox/miniapp`);

    // The configured base is the public URL; this test server listens elsewhere, so the client is pointed at it.
    const client = MiniappClient.fromConfig({ ...app.config.miniapp, apiBase: `${app.url}/sandbox/miniapp` });
    const issued = (await (await fetch(`${app.url}/sandbox/miniapp/_actions/login-code`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).json()) as { code: string; openid: string };
    const session = await client.code2Session(issued.code);
    expect(session.openid).toBe(issued.openid);

    const png = await client.wxaCodeUnlimited({ scene: "via=app", width: 280 });
    expect(decodeQrPng(png)).toBe(`${app.config.publicBaseUrl}/#/pages/index/index?scene=via%3Dapp`);
    const calls = (await (await fetch(`${app.url}/sandbox/miniapp/_inspect/calls`)).json()) as { path: string; errcode: number }[];
    expect(calls.map((c) => [c.path, c.errcode])).toEqual([
      ["/sns/jscode2session", 0],
      ["/cgi-bin/stable_token", 0],
      ["/wxa/getwxacodeunlimit", 0],
    ]);
  });

  it("reads a body the host's JSON parser left alone (no JSON content type), as the platform does", async () => {
    const { appId, secret } = app.config.miniapp;
    const res = await fetch(`${app.url}/sandbox/miniapp/cgi-bin/stable_token`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ grant_type: "client_credential", appid: appId, secret }),
    });
    expect(await res.json()).toEqual({ access_token: expect.any(String), expires_in: expect.any(Number) });
  });
});

describe("outside the sandbox", () => {
  it("has no simulator", async () => {
    const app = await startTestApp({ SANDBOX: "0" });
    try {
      expect(app.deps.miniappSimulator).toBeUndefined();
      expect((await fetch(`${app.url}/sandbox/miniapp/_inspect/calls`)).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
