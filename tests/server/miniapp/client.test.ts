import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import {
  InvalidSceneError,
  MINIAPP_ERR,
  MiniappApiError,
  MiniappTimeoutError,
  MiniappTransportError,
  isLoginCodeRefused,
  type MiniappClient,
} from "../../../server/src/miniapp";
import { h5PageUrl, type RunningMiniappSimulator } from "../../../server/src/sandbox/miniapp";
import { createLogger } from "../../../server/src/platform/logger";
import { TEST_MINIAPP, decodeQrPng, startTestMiniappSimulator, testMiniappClient } from "../../helpers/miniapp";

let running: RunningMiniappSimulator;
let client: MiniappClient;

beforeAll(async () => {
  running = await startTestMiniappSimulator({ loginsPerMinute: 3 });
});
afterAll(() => running.stop());
beforeEach(() => {
  client = testMiniappClient(running.url);
});

const sim = () => running.simulator;
const callsTo = (path: string, sinceSeq: number) => sim().calls({ path, sinceSeq });
const lastSeq = () => sim().calls().at(-1)?.seq ?? 0;
const refusal = (pending: Promise<unknown>) => pending.then(() => { throw new Error("expected a refusal"); }, (err: unknown) => err);

describe("code2Session", () => {
  it("exchanges a code issued by the simulator", async () => {
    const issued = sim().issueLoginCode();
    const session = await client.code2Session(issued.code);
    expect(session).toEqual({ openid: issued.openid, sessionKey: sim().sessionKeyOf(issued.openid), unionid: issued.unionid });
  });

  it("refuses the same code twice with a typed error the caller can switch on", async () => {
    const { code } = sim().issueLoginCode();
    await client.code2Session(code);
    const err = await refusal(client.code2Session(code));
    expect(err).toBeInstanceOf(MiniappApiError);
    expect(err).toMatchObject({ errcode: MINIAPP_ERR.CODE_BEEN_USED, path: "/sns/jscode2session" });
    expect(isLoginCodeRefused(err)).toBe(true);

    const unknown = await refusal(client.code2Session("not-a-code"));
    expect(unknown).toMatchObject({ errcode: MINIAPP_ERR.INVALID_CODE });
    expect(isLoginCodeRefused(unknown)).toBe(true);
  });

  it("reports a wrong secret as 40125, without the secret in the error", async () => {
    const wrong = testMiniappClient(running.url, { secret: "the-wrong-secret-0001" });
    const err = await refusal(wrong.code2Session(sim().issueLoginCode().code));
    expect(err).toBeInstanceOf(MiniappApiError);
    expect(err).toMatchObject({ errcode: MINIAPP_ERR.INVALID_APPSECRET });
    expect(isLoginCodeRefused(err)).toBe(false);
    expect(JSON.stringify({ ...(err as object), message: (err as Error).message })).not.toContain("the-wrong-secret-0001");
  });

  it("surfaces the per-user login limit as 45011", async () => {
    const { openid } = sim().issueLoginCode();
    for (let i = 0; i < 3; i++) await client.code2Session(sim().issueLoginCode({ openid }).code);
    await expect(client.code2Session(sim().issueLoginCode({ openid }).code)).rejects.toMatchObject({ errcode: MINIAPP_ERR.MINUTE_QUOTA });
  });

  it("surfaces a risky user as 40226", async () => {
    const { openid, code } = sim().issueLoginCode();
    sim().markRisky(openid);
    await expect(client.code2Session(code)).rejects.toMatchObject({ errcode: MINIAPP_ERR.RISKY_USER });
  });

  it("has a unionid only while the mini-program is bound to an open platform", async () => {
    try {
      sim().setOpenPlatformBound(false);
      const unbound = await client.code2Session(sim().issueLoginCode({ unionid: "oUnionForBindingTest00000001" }).code);
      expect(unbound).not.toHaveProperty("unionid");
      sim().setOpenPlatformBound(true);
      const bound = await client.code2Session(sim().issueLoginCode({ openid: unbound.openid }).code);
      expect(bound).toEqual({ openid: unbound.openid, sessionKey: expect.any(String), unionid: "oUnionForBindingTest00000001" });
    } finally {
      sim().setOpenPlatformBound(true);
    }
  });

  it("never logs the session key, the secret or the token", async () => {
    let lines = "";
    const sink = new Writable({ write: (chunk, _enc, done) => ((lines += String(chunk)), done()) });
    const logged = testMiniappClient(running.url, { logger: createLogger("trace", {}, sink) });
    const session = await logged.code2Session(sim().issueLoginCode().code);
    await refusal(logged.code2Session("not-a-code"));
    sim().expireToken();
    const token = await logged.accessToken();
    sim().revokeToken(token);
    await logged.wxaCodeUnlimited({ scene: "log=1", width: 280 });
    expect(lines).toContain('"errcode":40029');
    expect(lines).toContain("access token refused");
    for (const secret of [session.sessionKey, TEST_MINIAPP.secret, token]) expect(lines).not.toContain(secret);
  });
});

describe("the access token", () => {
  it("comes from stable_token once and is reused from memory while valid", async () => {
    const since = lastSeq();
    const first = await client.accessToken();
    const [second, third] = await Promise.all([client.accessToken(), client.accessToken()]);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(callsTo("/cgi-bin/stable_token", since)).toHaveLength(1);
    expect(callsTo("/cgi-bin/stable_token", since)[0].body).toEqual({ grant_type: "client_credential", appid: TEST_MINIAPP.appId, secret: "[masked]", force_refresh: false });
    // A second instance gets the same token: stable_token is safe to share.
    expect(await testMiniappClient(running.url).accessToken()).toBe(first);
  });

  it("is refreshed ahead of its expiry", async () => {
    let nowMs = Date.now();
    const clocked = testMiniappClient(running.url, { now: () => nowMs, refreshMarginMs: 60_000 });
    sim().expireToken();
    const since = lastSeq();
    await clocked.accessToken();
    nowMs += 7200_000 - 61_000;
    await clocked.accessToken();
    expect(callsTo("/cgi-bin/stable_token", since)).toHaveLength(1);
    nowMs += 2_000;
    await clocked.accessToken();
    expect(callsTo("/cgi-bin/stable_token", since)).toHaveLength(2);
  });

  it("after 42001 is replaced once and the call retried, without a forced refresh", async () => {
    const token = await client.accessToken();
    sim().expireToken(token);
    const since = lastSeq();
    const png = await client.wxaCodeUnlimited({ scene: "t=42001", width: 280 });
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(sim().calls({ sinceSeq: since }).map((c) => [c.path, c.errcode, (c.body as { force_refresh?: boolean } | undefined)?.force_refresh])).toEqual([
      ["/wxa/getwxacodeunlimit", MINIAPP_ERR.ACCESS_TOKEN_EXPIRED, undefined],
      ["/cgi-bin/stable_token", 0, false],
      ["/wxa/getwxacodeunlimit", 0, undefined],
    ]);
    expect(await client.accessToken()).not.toBe(token);
  });

  it("after 40001 with the platform still handing out the revoked token, is force-refreshed once", async () => {
    const token = await client.accessToken();
    sim().revokeToken(token, { stillServed: true });
    const since = lastSeq();
    await client.wxaCodeUnlimited({ scene: "t=40001", width: 280 });
    expect(sim().calls({ sinceSeq: since }).map((c) => [c.path, c.errcode, (c.body as { force_refresh?: boolean } | undefined)?.force_refresh])).toEqual([
      ["/wxa/getwxacodeunlimit", MINIAPP_ERR.INVALID_CREDENTIAL, undefined],
      ["/cgi-bin/stable_token", 0, false],
      ["/cgi-bin/stable_token", 0, true],
      ["/wxa/getwxacodeunlimit", 0, undefined],
    ]);
  });

  it("is replaced once for many calls refused together", async () => {
    const token = await client.accessToken();
    sim().revokeToken(token, { stillServed: true });
    const since = lastSeq();
    await Promise.all([1, 2, 3, 4].map((n) => client.wxaCodeUnlimited({ scene: `n=${n}`, width: 280 })));
    const tokenCalls = callsTo("/cgi-bin/stable_token", since).map((c) => (c.body as { force_refresh: boolean }).force_refresh);
    expect(tokenCalls).toEqual([false, true]);
    expect(callsTo("/wxa/getwxacodeunlimit", since).filter((c) => c.errcode === 0)).toHaveLength(4);
  });
});

describe("wxaCodeUnlimited", () => {
  it("answers a PNG whose QR opens the H5 page with the scene", async () => {
    const png = await client.wxaCodeUnlimited({ scene: "ref=Xy7_2&c=1", page: "pages/index/index", width: 280 });
    const url = decodeQrPng(png);
    expect(url).toBe(h5PageUrl(TEST_MINIAPP.h5BaseUrl, "pages/index/index", "ref=Xy7_2&c=1"));
    expect(new URLSearchParams(url.split("?")[1]).get("scene")).toBe("ref=Xy7_2&c=1");
    const lastCall = sim().calls({ path: "/wxa/getwxacodeunlimit" }).at(-1)!;
    expect(lastCall.body).toEqual({ scene: "ref=Xy7_2&c=1", page: "pages/index/index", width: 280 });
  });

  it.each([
    ["too_long", "x".repeat(33)],
    ["bad_characters", "邀请=1"],
    ["bad_characters", "a%20b"],
    ["empty", ""],
  ])("refuses a scene locally (%s) without calling the platform", async (problem, scene) => {
    await client.accessToken();
    const since = lastSeq();
    const err = await refusal(client.wxaCodeUnlimited({ scene }));
    expect(err).toBeInstanceOf(InvalidSceneError);
    expect(err).toMatchObject({ problem });
    expect(sim().calls({ sinceSeq: since })).toEqual([]);
  });

  it("surfaces the platform's refusal of a page as a typed error", async () => {
    await expect(client.wxaCodeUnlimited({ scene: "s", page: "/pages/index/index" })).rejects.toMatchObject({
      name: "MiniappApiError",
      errcode: MINIAPP_ERR.INVALID_PAGE,
    });
  });
});

describe("sendSubscribeMessage", () => {
  const TEMPLATE = "clientTestTemplate-000000000000000000000000";
  const message = (touser: string) => ({ touser, templateId: TEMPLATE, page: "pages/index/index?from=notice", data: { thing1: { value: "您的预约已确认" } } });

  it("sends once per grant, and answers a 43101 as a refusal rather than an error", async () => {
    const { openid } = sim().issueLoginCode();
    sim().requestSubscribeMessage({ openid, tmplIds: [TEMPLATE] });
    const delivered = sim().subscribeMessages().length;
    await expect(client.sendSubscribeMessage(message(openid))).resolves.toBe("sent");
    await expect(client.sendSubscribeMessage(message(openid))).resolves.toBe("refused");
    expect(sim().subscribeMessages().slice(delivered)).toEqual([
      expect.objectContaining({ openid, templateId: TEMPLATE, page: "pages/index/index?from=notice", data: { thing1: { value: "您的预约已确认" } } }),
    ]);
    expect(sim().calls({ path: "/cgi-bin/message/subscribe/send" }).slice(-2).map((c) => c.errcode)).toEqual([0, MINIAPP_ERR.SUBSCRIPTION_REFUSED]);
  });

  it("throws the platform's other refusals as typed errors", async () => {
    await expect(client.sendSubscribeMessage(message("oNotAUserOfThisMiniProgram00"))).rejects.toMatchObject({
      name: "MiniappApiError",
      errcode: MINIAPP_ERR.INVALID_OPENID,
    });
  });
});

describe("against a misbehaving platform", () => {
  let stub: Server;
  let base: string;
  let behaviour: "hang" | "refuse-token" | "html" = "hang";
  let wxaCalls = 0;

  beforeAll(async () => {
    stub = createServer((req, res) => {
      if (req.url?.startsWith("/cgi-bin/stable_token")) {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ access_token: `tok-${Math.random()}`, expires_in: 7200 }));
        return;
      }
      if (behaviour === "hang") return; // never answers
      if (behaviour === "html") {
        res.statusCode = 502;
        res.end("<html>bad gateway</html>");
        return;
      }
      wxaCalls += 1;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ errcode: 40001, errmsg: "invalid credential" }));
    });
    await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    stub.closeAllConnections();
    await new Promise((resolve) => stub.close(resolve));
  });

  it("times out with a typed error", async () => {
    behaviour = "hang";
    const err = await refusal(testMiniappClient(base, { timeoutMs: 150 }).code2Session("code"));
    expect(err).toBeInstanceOf(MiniappTimeoutError);
    expect(err).toMatchObject({ path: "/sns/jscode2session", timeoutMs: 150 });
  });

  it("retries a refused token once, not forever", async () => {
    behaviour = "refuse-token";
    wxaCalls = 0;
    await expect(testMiniappClient(base).wxaCodeUnlimited({ scene: "s" })).rejects.toMatchObject({ errcode: 40001 });
    expect(wxaCalls).toBe(2);
  });

  it("reports a non-200 answer as a transport error", async () => {
    behaviour = "html";
    const err = await refusal(testMiniappClient(base).code2Session("code"));
    expect(err).toBeInstanceOf(MiniappTransportError);
    expect(err).toMatchObject({ reason: "http_status", status: 502 });
  });
});
