import { PNG } from "pngjs";
import { ERR, LOGIN_CODE_TTL_MS, h5PageUrl, type RunningMiniappSimulator } from "../../../../server/src/sandbox/miniapp";
import { TEST_MINIAPP, decodeQrPng, manualClock, startTestMiniappSimulator } from "../../../helpers/miniapp";

/** The platform as a raw HTTP peer: what the wire says, without our client in between. */
let running: RunningMiniappSimulator;
const clock = manualClock();

beforeAll(async () => {
  running = await startTestMiniappSimulator({ now: clock.now, loginsPerMinute: 3, forcedRefreshesPerDay: 2 });
});
afterAll(() => running.stop());

const url = (path: string, query: Record<string, string> = {}) => `${running.url}${path}?${new URLSearchParams(query)}`;
/** Whatever the platform answered: a refusal, or the API's fields. */
type Wire = { errcode?: number; errmsg?: string; openid?: string; session_key?: string; unionid?: string } & Record<string, unknown>;
const getJson = async (path: string, query: Record<string, string>) => (await (await fetch(url(path, query))).json()) as Wire;
const post = (path: string, body: unknown, query: Record<string, string> = {}) =>
  fetch(url(path, query), { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
const postJson = async (path: string, body: unknown, query: Record<string, string> = {}) => (await (await post(path, body, query)).json()) as Wire;

const loginCode = async (body: Record<string, string> = {}) => (await postJson("/_actions/login-code", body)) as unknown as { code: string; openid: string; unionid?: string };
const jscode2session = (code: string, overrides: Record<string, string> = {}) =>
  getJson("/sns/jscode2session", { appid: TEST_MINIAPP.appId, secret: TEST_MINIAPP.secret, js_code: code, grant_type: "authorization_code", ...overrides });
const stableToken = async (force = false) =>
  (await postJson("/cgi-bin/stable_token", { grant_type: "client_credential", appid: TEST_MINIAPP.appId, secret: TEST_MINIAPP.secret, force_refresh: force })) as unknown as {
    access_token: string;
    expires_in: number;
  };

describe("jscode2session", () => {
  it("exchanges a code from the login-code action once, with the platform's answer shape", async () => {
    const issued = await loginCode();
    expect(issued.openid).toMatch(/^o[\w-]{27}$/);
    const answer = await jscode2session(issued.code);
    expect(answer).toEqual({ openid: issued.openid, session_key: expect.any(String), unionid: issued.unionid });
    expect(Buffer.from(answer.session_key!, "base64")).toHaveLength(16);
    expect(running.simulator.sessionKeyOf(issued.openid)).toBe(answer.session_key);

    const again = await jscode2session(issued.code);
    expect(again).toEqual({ errcode: ERR.CODE_BEEN_USED, errmsg: expect.stringMatching(/^code been used, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/) });
  });

  it("refuses unknown and expired codes with 40029", async () => {
    expect((await jscode2session("never-issued")).errcode).toBe(ERR.INVALID_CODE);
    const { code } = await loginCode();
    clock.advance(LOGIN_CODE_TTL_MS + 1000);
    expect((await jscode2session(code)).errcode).toBe(ERR.INVALID_CODE);
  });

  it("checks the app's keys and the grant type", async () => {
    const { code } = await loginCode();
    expect((await jscode2session(code, { appid: "wxsomeoneelse" })).errcode).toBe(ERR.INVALID_APPID);
    expect((await jscode2session(code, { secret: "not-the-secret" })).errcode).toBe(ERR.INVALID_APPSECRET);
    expect((await jscode2session(code, { grant_type: "client_credential" })).errcode).toBe(ERR.INVALID_GRANT_TYPE);
    expect((await jscode2session("", {})).errcode).toBe(ERR.MISSING_CODE);
    // None of those spent the code.
    expect((await jscode2session(code)).openid).toEqual(expect.any(String));
  });

  it("answers the same user for an openid or unionid it already knows", async () => {
    const first = await loginCode({ unionid: "oDemoUnion000000000000000001" });
    const byOpenid = await loginCode({ openid: first.openid });
    const byUnionid = await loginCode({ unionid: "oDemoUnion000000000000000001" });
    expect(byOpenid.openid).toBe(first.openid);
    expect(byUnionid.openid).toBe(first.openid);
    expect((await jscode2session(byUnionid.code)).unionid).toBe("oDemoUnion000000000000000001");
    const clash = await post("/_actions/issueLoginCode", { openid: first.openid, unionid: "oSomeoneElse" });
    expect(clash.status).toBe(400);
  });

  it("answers unionid only while the mini-program is bound to an open platform", async () => {
    expect(await postJson("/_actions/setOpenPlatformBound", { bound: false })).toEqual({ bound: false });
    const unbound = await loginCode({ unionid: "oBoundLater00000000000000001" });
    expect(unbound.unionid).toBeUndefined();
    expect(await jscode2session(unbound.code)).not.toHaveProperty("unionid");
    await postJson("/_actions/setOpenPlatformBound", { bound: true });
    const bound = await loginCode({ openid: unbound.openid });
    expect((await jscode2session(bound.code)).unionid).toBe("oBoundLater00000000000000001");
  });

  it("limits one user's logins a minute (45011) without spending the code", async () => {
    clock.advance(61_000);
    const { openid } = await loginCode();
    for (let i = 0; i < 3; i++) expect((await jscode2session((await loginCode({ openid })).code)).openid).toBe(openid);
    const fourth = (await loginCode({ openid })).code;
    const refused = await jscode2session(fourth);
    expect(refused.errcode).toBe(ERR.MINUTE_QUOTA);
    expect(refused.errmsg).toMatch(/^api minute-quota reach limit/);
    // Another user is not held back.
    expect((await jscode2session((await loginCode()).code)).openid).toEqual(expect.any(String));
    clock.advance(60_000);
    expect((await jscode2session(fourth)).openid).toBe(openid);
  });

  it("refuses a risky user with 40226", async () => {
    const { openid, code } = await loginCode();
    expect(await postJson("/_actions/markRisky", { openid })).toEqual({ found: true });
    expect((await jscode2session(code)).errcode).toBe(ERR.RISKY_USER);
    running.simulator.markRisky(openid, false);
    expect((await jscode2session(code)).openid).toBe(openid);
  });
});

describe("stable_token", () => {
  it("answers the same token while it is valid; a forced refresh replaces it and ends the old one", async () => {
    const first = await stableToken();
    expect(first.expires_in).toBe(7200);
    clock.advance(100_000);
    const second = await stableToken();
    expect(second).toEqual({ access_token: first.access_token, expires_in: 7100 });
    const forced = await stableToken(true);
    expect(forced.access_token).not.toBe(first.access_token);
    expect(forced.expires_in).toBe(7200);
    const withOld = await postJson("/wxa/getwxacodeunlimit", { scene: "a=1" }, { access_token: first.access_token });
    expect(withOld.errcode).toBe(ERR.INVALID_CREDENTIAL);
    clock.advance(7200_000);
    const expired = await postJson("/wxa/getwxacodeunlimit", { scene: "a=1" }, { access_token: forced.access_token });
    expect(expired.errcode).toBe(ERR.ACCESS_TOKEN_EXPIRED);
    expect((await stableToken()).access_token).not.toBe(forced.access_token);
  });

  it("limits forced refreshes a day (45009)", async () => {
    clock.advance(24 * 3_600_000);
    await stableToken(true);
    await stableToken(true);
    const refused = await postJson("/cgi-bin/stable_token", { grant_type: "client_credential", appid: TEST_MINIAPP.appId, secret: TEST_MINIAPP.secret, force_refresh: true });
    expect(refused.errcode).toBe(ERR.DAILY_QUOTA);
  });

  it("checks the keys, the grant type and the body", async () => {
    const body = { grant_type: "client_credential", appid: TEST_MINIAPP.appId, secret: TEST_MINIAPP.secret };
    expect((await postJson("/cgi-bin/stable_token", { ...body, secret: "wrong" })).errcode).toBe(ERR.INVALID_APPSECRET);
    expect((await postJson("/cgi-bin/stable_token", { ...body, appid: "wxother" })).errcode).toBe(ERR.INVALID_APPID);
    expect((await postJson("/cgi-bin/stable_token", { ...body, grant_type: "password" })).errcode).toBe(ERR.INVALID_GRANT_TYPE);
    expect((await postJson("/cgi-bin/stable_token", "{not json")).errcode).toBe(ERR.DATA_FORMAT_ERROR);
  });

  it("can hand out a revoked token until a forced refresh (stillServed), as the platform's cache may", async () => {
    const { access_token } = await stableToken();
    expect(await postJson("/_actions/revokeToken", { token: access_token, stillServed: true })).toEqual({ revoked: 1 });
    expect((await stableToken()).access_token).toBe(access_token);
    expect((await postJson("/wxa/getwxacodeunlimit", { scene: "x" }, { access_token })).errcode).toBe(ERR.INVALID_CREDENTIAL);
    expect((await stableToken(false)).access_token).toBe(access_token);
  });
});

describe("getwxacodeunlimit", () => {
  let token: string;
  beforeAll(async () => {
    clock.advance(24 * 3_600_000);
    token = (await stableToken(true)).access_token;
  });

  it("answers a PNG whose QR opens the H5 page with the scene", async () => {
    const res = await post("/wxa/getwxacodeunlimit", { scene: "inv=Ab3&c=9", page: "pages/index/index", width: 300 }, { access_token: token });
    expect(res.headers.get("content-type")).toBe("image/png");
    const png = Buffer.from(await res.arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const encoded = decodeQrPng(png);
    expect(encoded).toBe(`${TEST_MINIAPP.h5BaseUrl}/#/pages/index/index?scene=inv%3DAb3%26c%3D9`);
    expect(encoded).toBe(h5PageUrl(TEST_MINIAPP.h5BaseUrl, "pages/index/index", "inv=Ab3&c=9"));
    expect(running.simulator.wxaCodes().at(-1)).toMatchObject({ scene: "inv=Ab3&c=9", page: "pages/index/index", width: 300, envVersion: "release", url: encoded });
  });

  it("opens the main page when none is named, and clamps the width", async () => {
    const res = await post("/wxa/getwxacodeunlimit", { scene: "s" }, { access_token: token });
    const png = Buffer.from(await res.arrayBuffer());
    expect(PNG.sync.read(png).width).toBe(430);
    expect(decodeQrPng(png)).toBe(`${TEST_MINIAPP.h5BaseUrl}/#/pages/index/index?scene=s`);
    expect(running.simulator.wxaCodes().at(-1)).toMatchObject({ page: "pages/index/index", width: 430 });
    for (const [asked, drawn] of [[10_000, 1280], [1, 280]]) {
      const clamped = await post("/wxa/getwxacodeunlimit", { scene: "s", width: asked }, { access_token: token });
      expect(PNG.sync.read(Buffer.from(await clamped.arrayBuffer())).width).toBe(drawn);
    }
  });

  it.each([
    ["too long", "x".repeat(33)],
    ["outside the allowed characters", "中文"],
    ["with a space", "a b"],
    ["empty", ""],
  ])("refuses a scene %s with 40169", async (_, scene) => {
    const answer = await postJson("/wxa/getwxacodeunlimit", { scene, page: "pages/index/index" }, { access_token: token });
    expect(answer).toEqual({ errcode: ERR.INVALID_SCENE, errmsg: expect.stringMatching(/^invalid length for scene, or the data is not json string, rid: /) });
  });

  it("accepts exactly 32 allowed characters, every special one included", async () => {
    const scene = "!#$&'()*+,/:;=?@-._~0123456789aZ";
    expect(scene).toHaveLength(32);
    const res = await post("/wxa/getwxacodeunlimit", { scene, width: 280 }, { access_token: token });
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(decodeQrPng(Buffer.from(await res.arrayBuffer()))).toContain(`?scene=${encodeURIComponent(scene)}`);
  });

  it("refuses a bad page unless check_path is false, a body that is not JSON, and a missing token", async () => {
    expect((await postJson("/wxa/getwxacodeunlimit", { scene: "s", page: "/pages/index/index" }, { access_token: token })).errcode).toBe(ERR.INVALID_PAGE);
    const unchecked = await post("/wxa/getwxacodeunlimit", { scene: "s", page: "pages/new/index", check_path: false }, { access_token: token });
    expect(unchecked.headers.get("content-type")).toBe("image/png");
    expect((await postJson("/wxa/getwxacodeunlimit", { scene: "s", env_version: "beta" }, { access_token: token })).errcode).toBe(ERR.INVALID_ARGS);
    expect((await postJson("/wxa/getwxacodeunlimit", "scene=s", { access_token: token })).errcode).toBe(ERR.INVALID_SCENE);
    expect((await postJson("/wxa/getwxacodeunlimit", { scene: "s" })).errcode).toBe(ERR.MISSING_ACCESS_TOKEN);
  });
});

describe("call records", () => {
  it("keeps every raw call with credentials masked, programmatically and at _inspect/calls", async () => {
    const before = running.simulator.calls().at(-1)!.seq;
    const { code } = await loginCode();
    await jscode2session(code);
    const token = (await stableToken()).access_token;
    await postJson("/wxa/getwxacodeunlimit", { scene: "" }, { access_token: token });

    const recorded = running.simulator.calls({ sinceSeq: before });
    expect(recorded.map((c) => [c.method, c.path, c.errcode])).toEqual([
      ["GET", "/sns/jscode2session", 0],
      ["POST", "/cgi-bin/stable_token", 0],
      ["POST", "/wxa/getwxacodeunlimit", ERR.INVALID_SCENE],
    ]);
    expect(recorded[0].query).toMatchObject({ appid: TEST_MINIAPP.appId, secret: "[masked]", js_code: code });
    expect(recorded[1].body).toMatchObject({ appid: TEST_MINIAPP.appId, secret: "[masked]" });
    expect(recorded[2].query).toEqual({ access_token: "[masked]" });

    const overHttp = await getJson("/_inspect/calls", { sinceSeq: String(before) });
    expect(overHttp).toEqual(recorded);
    const everything = JSON.stringify(await getJson("/_inspect/calls", {}));
    expect(everything).not.toContain(TEST_MINIAPP.secret);
    expect(everything).not.toContain(token);
    expect(await getJson("/_inspect/calls", { path: "/wxa/getwxacodeunlimit", errcode: String(ERR.INVALID_SCENE), sinceSeq: String(before) })).toHaveLength(1);
  });

  it("shows users without session keys and the app's binding", async () => {
    const users = (await getJson("/_inspect/users", {})) as unknown as Record<string, unknown>[];
    expect(users.length).toBeGreaterThan(0);
    expect(Object.keys(users[0]).sort()).toEqual(["openid", "risky", "unionid"]);
    expect(await getJson("/_inspect/app", {})).toEqual({ appId: TEST_MINIAPP.appId, openPlatformBound: true });
  });

  it("answers 404 for an unknown action and 400 for a bad action body", async () => {
    expect((await post("/_actions/noSuchThing", {})).status).toBe(404);
    expect((await post("/_actions/setOpenPlatformBound", { bound: "yes" })).status).toBe(400);
  });
});
