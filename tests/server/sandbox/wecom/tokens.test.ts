import type { RecordedCall, RunningSimulator } from "../../../../server/src/sandbox/wecom";
import { TEST_CORP, inspect, manualClock, startTestSimulator, tokenFor, wecomCall } from "../../../helpers/wecomSimulator";

const clock = manualClock();
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator({ now: clock.now, perApiPerMinute: 3 });
});
afterAll(() => sim.stop());

const gettoken = (query: Record<string, string>) => wecomCall(sim.url, "/cgi-bin/gettoken", { query });
const getCustomer = (token?: string) =>
  wecomCall(sim.url, "/cgi-bin/externalcontact/get", { query: { ...(token ? { access_token: token } : {}), external_userid: "wmDemoCustomer0000000000000001" } });

test("gettoken answers a token with its lifetime, and the same token while it is valid", async () => {
  const first = await gettoken({ corpid: TEST_CORP.corpId, corpsecret: TEST_CORP.secrets.contact });
  expect(first).toMatchObject({ errcode: 0, errmsg: "ok", expires_in: 7200 });
  expect(first.access_token).toEqual(expect.any(String));
  const again = await gettoken({ corpid: TEST_CORP.corpId, corpsecret: TEST_CORP.secrets.contact });
  expect(again.access_token).toBe(first.access_token);
});

test("gettoken refuses a wrong corp (40013), a wrong secret (40001) and missing parameters", async () => {
  expect((await gettoken({ corpid: "wwother", corpsecret: TEST_CORP.secrets.contact })).errcode).toBe(40013);
  expect((await gettoken({ corpid: TEST_CORP.corpId, corpsecret: "not-a-secret" })).errcode).toBe(40001);
  expect((await gettoken({ corpsecret: TEST_CORP.secrets.contact })).errcode).toBe(41002);
  expect((await gettoken({ corpid: TEST_CORP.corpId })).errcode).toBe(41004);
});

test("each token opens only its secret's APIs: missing 41001, unknown 40014, another secret's 48002", async () => {
  expect((await getCustomer()).errcode).toBe(41001);
  expect((await getCustomer("no-such-token")).errcode).toBe(40014);
  expect((await getCustomer(await tokenFor(sim.url, "directory"))).errcode).toBe(48002);
  expect((await getCustomer(await tokenFor(sim.url, "app"))).errcode).toBe(48002);
  const answer = await getCustomer(await tokenFor(sim.url, "contact"));
  expect(answer.errcode).toBe(0);
  expect(answer.errmsg).toBe("ok");
});

test("a revoked token answers 40014, an expired one 42001, and gettoken then issues a new one", async () => {
  const revoked = await tokenFor(sim.url, "contact");
  expect(sim.simulator.revokeToken(revoked)).toBe(true);
  expect((await getCustomer(revoked)).errcode).toBe(40014);
  const fresh = await tokenFor(sim.url, "contact");
  expect(fresh).not.toBe(revoked);
  clock.advance(7200 * 1000);
  expect((await getCustomer(fresh)).errcode).toBe(42001);
  expect(await tokenFor(sim.url, "contact")).not.toBe(fresh);
});

test("every refusal says why in WeCom's errmsg shape", async () => {
  const answer = await getCustomer("no-such-token");
  expect(answer.errmsg).toMatch(/^invalid access_token, hint: \[\d+_\w+\], more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=40014$/);
});

test("the per-API quota answers 45009 past the limit in a minute, and resets the next minute", async () => {
  clock.advance(60_000 - (clock.now() % 60_000)); // the start of a minute
  const token = await tokenFor(sim.url, "directory");
  const list = () => wecomCall(sim.url, "/cgi-bin/department/list", { query: { access_token: token } });
  expect([(await list()).errcode, (await list()).errcode, (await list()).errcode, (await list()).errcode]).toEqual([0, 0, 0, 45009]);
  clock.advance(60_000);
  expect((await list()).errcode).toBe(0);
});

test("injected faults answer -1 (system busy) for the next calls of a path only", async () => {
  clock.advance(60_000);
  const token = await tokenFor(sim.url, "directory");
  sim.simulator.injectApiFault({ errcode: -1, count: 2, path: "/cgi-bin/user/get" });
  const getUser = () => wecomCall(sim.url, "/cgi-bin/user/get", { query: { access_token: token, userid: "LiNa" } });
  expect((await wecomCall(sim.url, "/cgi-bin/department/list", { query: { access_token: token } })).errcode).toBe(0);
  expect([(await getUser()).errcode, (await getUser()).errcode, (await getUser()).errcode]).toEqual([-1, -1, 0]);
});

test("every call is recorded with its errcode, secrets and tokens masked, and readable over HTTP", async () => {
  const calls = sim.simulator.calls({ path: "/cgi-bin/gettoken" });
  expect(calls.length).toBeGreaterThan(3);
  expect(calls.map((c) => c.errcode)).toEqual(expect.arrayContaining([0, 40013, 40001]));
  const everything = JSON.stringify(sim.simulator.calls());
  for (const secret of Object.values(TEST_CORP.secrets)) expect(everything).not.toContain(secret);
  expect(everything).not.toMatch(/access_token":"(?!\[masked\])/);
  const overHttp = await inspect<RecordedCall[]>(sim.url, "calls?path=/cgi-bin/gettoken&errcode=40001");
  expect(overHttp).toHaveLength(1);
  expect(overHttp[0]).toMatchObject({ method: "GET", path: "/cgi-bin/gettoken", errcode: 40001, query: { corpsecret: "[masked]" } });
  expect(sim.simulator.calls({ path: "/cgi-bin/gettoken", errcode: 0 }).every((c) => c.secretKind !== undefined)).toBe(true);
});

test("revokeAllTokens invalidates every live token of a secret", async () => {
  const token = await tokenFor(sim.url, "app");
  expect(sim.simulator.revokeAllTokens("app")).toBe(1);
  const answer = await wecomCall(sim.url, "/cgi-bin/auth/getuserinfo", { query: { access_token: token, code: "x" } });
  expect(answer.errcode).toBe(40014);
});
