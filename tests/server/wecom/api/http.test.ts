import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import type { RunningSimulator } from "../../../../server/src/sandbox/wecom";
import type { Database } from "../../../../server/src/db/database";
import { createLogger } from "../../../../server/src/platform/logger";
import { WecomApiError, WecomTimeoutError, WecomTransportError } from "../../../../server/src/wecom/api";
import { openTestDatabase } from "../../../helpers/database";
import { TEST_CORP, startTestSimulator, testWecomClient } from "../../../helpers/wecomSimulator";

let sim: RunningSimulator;
let db: Database;
let closeDb: () => Promise<void>;
beforeAll(async () => {
  ({ db, close: closeDb } = await openTestDatabase());
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim.stop();
  await closeDb();
});
afterEach(() => sim.simulator.clearFaults());

const USER_GET = "/cgi-bin/user/get";
const errcodesOf = (path: string, since: number) => sim.simulator.calls({ path, sinceSeq: since }).map((c) => c.errcode);
const lastSeq = () => sim.simulator.calls().at(-1)?.seq ?? 0;

test("45009 (frequency limit) backs off and the call then succeeds", async () => {
  const client = testWecomClient(db, sim.url);
  await client.directory.listDepartments(); // the token first
  const since = lastSeq();
  sim.simulator.injectApiFault({ errcode: 45009, count: 2, path: USER_GET });
  const started = Date.now();
  await expect(client.directory.getUser("LiNa")).resolves.toMatchObject({ userid: "LiNa" });
  expect(errcodesOf(USER_GET, since)).toEqual([45009, 45009, 0]);
  expect(Date.now() - started).toBeGreaterThanOrEqual(5 / 2 + 10 / 2); // the jittered waits: at least half of 5 ms, then of 10 ms
});

test("-1 and 45033 are retried too, a bounded number of times, then surface as WecomApiError", async () => {
  const client = testWecomClient(db, sim.url, { backoff: { baseMs: 1, maxMs: 2, attempts: 3 } });
  await client.directory.listDepartments();
  let since = lastSeq();
  sim.simulator.injectApiFault({ errcode: 45033, count: 1, path: USER_GET });
  await client.directory.getUser("LiNa");
  expect(errcodesOf(USER_GET, since)).toEqual([45033, 0]);
  since = lastSeq();
  sim.simulator.injectApiFault({ errcode: -1, count: 5, path: USER_GET });
  const refused = client.directory.getUser("LiNa");
  await expect(refused).rejects.toBeInstanceOf(WecomApiError);
  await expect(refused).rejects.toMatchObject({ errcode: -1, path: USER_GET, errmsg: expect.stringMatching(/^system busy/) });
  expect(errcodesOf(USER_GET, since)).toEqual([-1, -1, -1]);
});

test("any other refusal is a typed WecomApiError at once, without retry", async () => {
  const client = testWecomClient(db, sim.url);
  const since = lastSeq();
  const refused = await client.directory.getUser("Nobody").catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(WecomApiError);
  expect(refused).toMatchObject({ errcode: 60111, path: USER_GET });
  expect((refused as Error).message).not.toMatch(/access_token/);
  expect(errcodesOf(USER_GET, since)).toEqual([60111]);
});

async function stubServer(handler: Parameters<typeof createServer>[1]): Promise<{ base: string; server: Server }> {
  const server = createServer(handler).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
const stop = (server: Server) => new Promise<void>((r) => (server.close(() => r()), server.closeAllConnections()));

test("no answer within the timeout is a WecomTimeoutError naming the path", async () => {
  const { base, server } = await stubServer(() => undefined); // never answers
  try {
    const client = testWecomClient(db, base, { timeoutMs: 150 });
    // The directory token is already in the database (earlier tests): the API call itself times out.
    const err = await client.directory.getUser("LiNa").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WecomTimeoutError);
    expect(err).toMatchObject({ path: USER_GET, timeoutMs: 150 });
    await expect(client.login.getUserInfo("code")).rejects.toMatchObject({ name: "WecomTimeoutError", path: "/cgi-bin/gettoken" });
  } finally {
    await stop(server);
  }
});

test("a non-200 status or a body that is not WeCom's JSON is a WecomTransportError", async () => {
  const { base, server } = await stubServer((req, res) => (req.url!.startsWith("/bad-gateway") ? res.writeHead(502).end() : res.writeHead(200).end("<html>")));
  try {
    await expect(testWecomClient(db, `${base}/bad-gateway`).tags.list()).rejects.toMatchObject({ name: "WecomTransportError", reason: "http_status", status: 502 });
    await expect(testWecomClient(db, base).tags.list()).rejects.toBeInstanceOf(WecomTransportError);
  } finally {
    await stop(server);
  }
});

test("logs name the path and errcode, never a secret or a token", async () => {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const logger = createLogger("debug", {}, sink);
  const client = testWecomClient(db, sim.url, { logger });
  sim.simulator.injectApiFault({ errcode: 45009, count: 1, path: USER_GET });
  await client.directory.getUser("LiNa");
  sim.simulator.revokeAllTokens("directory");
  await client.directory.getUser("WangFang");
  await client.directory.getUser("Nobody").catch(() => undefined);
  await new Promise((r) => logger.flush(r));
  const text = lines.join("");
  expect(text).toMatch(/"path":"\/cgi-bin\/user\/get","errcode":45009/);
  expect(text).toMatch(/"errcode":40014/);
  expect(text).toMatch(/"errcode":60111/);
  for (const secret of Object.values(TEST_CORP.secrets)) expect(text).not.toContain(secret);
  const [{ token }] = await db.manager.query("SELECT token FROM wecom_access_tokens WHERE kind = 'directory'");
  expect(text).not.toContain(token);
  expect(text).not.toMatch(/access_token/);
});
