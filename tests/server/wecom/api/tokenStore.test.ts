import { openDatabase, type Database } from "../../../../server/src/db/database";
import type { DatabaseSetting } from "@scrm/config";
import type { RunningSimulator } from "../../../../server/src/sandbox/wecom";
import { WecomAccessToken } from "../../../../server/src/wecom/api/accessToken.entity";
import { WecomApiError } from "../../../../server/src/wecom/api";
import { openTestDatabase } from "../../../helpers/database";
import { TEST_CORP, manualClock, startTestSimulator, testWecomClient } from "../../../helpers/wecomSimulator";

const simClock = manualClock();
let sim: RunningSimulator;
let db: Database;
let setting: DatabaseSetting;
let closeDb: () => Promise<void>;

beforeAll(async () => {
  ({ db, setting, close: closeDb } = await openTestDatabase());
  sim = await startTestSimulator({ now: simClock.now });
});
afterAll(async () => {
  await sim.stop();
  await closeDb();
});
beforeEach(async () => {
  // Each test starts as a fresh deployment: no stored token, nothing live at WeCom.
  await db.transaction((em) => em.createQueryBuilder().delete().from(WecomAccessToken).execute());
  sim.simulator.revokeAllTokens();
});

let mark = 0;
beforeEach(() => {
  mark = sim.simulator.calls().at(-1)?.seq ?? 0;
});
const gettokens = () => sim.simulator.calls({ path: "/cgi-bin/gettoken", sinceSeq: mark });
const storedRows = () => db.manager.find(WecomAccessToken, { order: { kind: "ASC" } });

test("a token is fetched once, stored with its expiry, and reused by every later call", async () => {
  const client = testWecomClient(db, sim.url);
  const before = Date.now();
  await client.directory.getUser("LiNa");
  await Promise.all(["LiNa", "WangFang", "LiuYang", "ChenJing", "YangLei"].map((u) => client.directory.getUser(u)));
  await client.directory.listDepartments();
  expect(gettokens()).toHaveLength(1);
  const [row] = await storedRows();
  expect(row).toMatchObject({ kind: "directory", token: expect.any(String), leaseOwner: null, leaseUntil: null });
  expect(row.expiresAt! - before).toBeGreaterThanOrEqual(7200_000 - 1000);
  expect(row.expiresAt! - row.refreshAt!).toBe(5 * 60_000);
  // Another process starting later reads it from the database.
  await testWecomClient(db, sim.url).directory.getUser("ZhaoMin");
  expect(gettokens()).toHaveLength(1);
});

test("each secret has its own token; a token of the wrong secret is refused with 48002", async () => {
  const client = testWecomClient(db, sim.url);
  await client.directory.getUser("LiNa");
  await client.tags.list();
  expect(gettokens().map((c) => c.secretKind).sort()).toEqual(["contact", "directory"]);
  const rows = await storedRows();
  expect(rows.map((r) => r.kind)).toEqual(["contact", "directory"]);
  expect(rows[0].token).not.toBe(rows[1].token);
  // A deployment that mixed up its settings: the "contact" secret is really the directory one.
  const misconfigured = testWecomClient(db, sim.url, { secrets: { ...TEST_CORP.secrets, contact: TEST_CORP.secrets.directory } });
  await expect(misconfigured.tags.list()).rejects.toMatchObject({ name: "WecomApiError", errcode: 48002, path: "/cgi-bin/externalcontact/get_corp_tag_list" });
});

test("two instances on one database needing tokens at the same moment make one gettoken per secret", async () => {
  // A second connection to the same database: the same SQLite file, or the same MySQL database.
  const other = await openDatabase(setting, { poolSize: 5 });
  try {
    const a = testWecomClient(db, sim.url, { owner: "instance-a" });
    const b = testWecomClient(other, sim.url, { owner: "instance-b" });
    const work = [a, b].flatMap((client) => [
      client.directory.getUser("LiNa"),
      client.directory.listDepartments(),
      client.tags.list(),
      client.contactWays.list(),
      client.appMessages.send({ msgtype: "text", touser: ["LiNa"], text: { content: "同时" } }),
      client.appMessages.send({ msgtype: "text", touser: ["WangFang"], text: { content: "同时" } }),
    ]);
    await Promise.all(work);
    expect(gettokens().map((c) => c.secretKind).sort()).toEqual(["app", "contact", "directory"]);
    expect(gettokens().every((c) => c.errcode === 0)).toBe(true);
    expect((await storedRows()).map((r) => [r.kind, r.leaseOwner])).toEqual([
      ["app", null],
      ["contact", null],
      ["directory", null],
    ]);
  } finally {
    await other.close();
  }
});

test("a token revoked mid-flight (40014) is replaced and the call succeeds: two gettoken calls in all", async () => {
  const client = testWecomClient(db, sim.url);
  await client.tags.list();
  sim.simulator.revokeAllTokens("contact");
  // Several calls meet the revoked token at once; one refresh serves them all.
  await Promise.all([client.tags.list(), client.tags.list(), client.contactWays.list()]);
  expect(gettokens()).toHaveLength(2);
  expect(sim.simulator.calls({ sinceSeq: mark, errcode: 40014 }).length).toBeGreaterThan(0);
});

test("a token WeCom says has expired (42001) before our clock thinks so is replaced too", async () => {
  const client = testWecomClient(db, sim.url);
  await client.directory.listDepartments();
  simClock.advance(7200 * 1000);
  await client.directory.listDepartments();
  expect(sim.simulator.calls({ sinceSeq: mark, errcode: 42001 })).toHaveLength(1);
  expect(gettokens()).toHaveLength(2);
});

test("a refusal other than a token error is not retried with a new token", async () => {
  const client = testWecomClient(db, sim.url);
  await expect(client.directory.getUser("Nobody")).rejects.toBeInstanceOf(WecomApiError);
  expect(gettokens()).toHaveLength(1);
  expect(sim.simulator.calls({ sinceSeq: mark, path: "/cgi-bin/user/get" })).toHaveLength(1);
});

test("a stored token of another secret is never reused (the secret changed)", async () => {
  await testWecomClient(db, sim.url).tags.list();
  const rotated = testWecomClient(db, sim.url, { secrets: { ...TEST_CORP.secrets, contact: "rotated-secret-not-known" } });
  await expect(rotated.tags.list()).rejects.toMatchObject({ errcode: 40001, path: "/cgi-bin/gettoken" });
  expect(gettokens().map((c) => c.errcode)).toEqual([0, 40001]);
});

test("a refresh lease left by a crashed instance is taken over once it lapses", async () => {
  const leaseUntil = Date.now() + 300;
  await db.transaction((em) => em.insert(WecomAccessToken, { kind: "app", leaseOwner: "crashed#1", leaseUntil }));
  const started = Date.now();
  await testWecomClient(db, sim.url).appMessages.send({ msgtype: "text", touser: ["LiNa"], text: { content: "接管" } });
  expect(Date.now()).toBeGreaterThanOrEqual(leaseUntil);
  expect(Date.now() - started).toBeLessThan(5000);
  expect(gettokens()).toHaveLength(1);
  expect((await storedRows())[0]).toMatchObject({ kind: "app", leaseOwner: null, token: expect.any(String) });
});
