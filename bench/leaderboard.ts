import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { join } from "node:path";
import mysql from "mysql2/promise";
import { client, openLoop, percentile, type LoadResult } from "./support/load";
import { flushDirtyPages, freshMysqlDatabase, mysqlDatabaseUrl, productionInnodb } from "./support/mysql";
import { freePort, log, productionEnv, report, startNode, ROOT, type Child } from "./support/processes";
import { checkReferralHistory, customerCodeOf, customerIdOf, loadReferralHistory, staffCodeOf, staffIdOf } from "./support/referralData";
import { insertSessions, type SessionSubject } from "./support/sessions";

const STAFF = 2_000;
const DEPARTMENTS = 20;
const CUSTOMERS = 200_000;
const REFERRALS = 1_000_000;
const HISTORY_DAYS = 30;
// The figures; the environment may change them to look at one stream alone (a rate of 0 leaves it out).
const READ_RATE = Number(process.env.BENCH_READ_RATE ?? 500);
const RECORD_RATE = Number(process.env.BENCH_RECORD_RATE ?? 1_000);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 30);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1);
/**
 * For working on the server: BENCH_REUSE=1 runs on the database the last run loaded (its campaign,
 * referrals and scores as that run left them) instead of loading a fresh one. Reported figures
 * come from fresh runs.
 */
const REUSE = process.env.BENCH_REUSE === "1";
const DATABASE = "scrm_bench_leaderboard";
/**
 * Both streams at their full rates first (not measured): connections, JIT, caches and the hot pages,
 * as on a server that has been running (a cold start is not what a leaderboard reader meets).
 */
const WARMUP_S = 10;
const WARMUP_SHARE = 1;
const TIMEZONE = "Asia/Shanghai";
const PERIODS = ["all", "day", "week", "month"] as const;
const METRICS = ["qualified", "new"] as const;
const REFERRERS = STAFF + CUSTOMERS;
/** About 2 GB of referrals and scores: the pool a production database would give them (restored after the run). */
const BUFFER_POOL_MB = 4_096;

type Http = ReturnType<typeof client>;

/**
 * Leaderboards under recording on MariaDB: a campaign with 1,000,000 referrals by 2,000 staff (20
 * departments) and 200,000 customers, loaded in bulk with the scores derived from them. Then, at
 * once and each at a fixed offered rate: reads at 500/s (half a staff department's top 50 of a
 * period, as a manager; half a random referrer's own rank) and brand-new customers opening a
 * random referrer's code at 1,000/s, each from their own address and device.
 */
async function main(): Promise<void> {
  const setupStarted = performance.now();
  const innodb = await productionInnodb(BUFFER_POOL_MB);
  log(`set-up: InnoDB for the run: ${JSON.stringify(innodb.settings)}`);
  const databaseUrl = REUSE ? mysqlDatabaseUrl(DATABASE) : await freshMysqlDatabase(DATABASE);
  const settings = await productionEnv(0, databaseUrl);
  const secret = settings.SESSION_SECRET!;
  const db = await mysql.createConnection({ uri: databaseUrl });
  const servers: Child[] = [];
  const readClients: Http[] = [];
  const recordClients: Http[] = [];
  try {
    const [managerToken, campaignId] = REUSE ? await lastRunsCampaign(db, secret) : await loadCampaign(db, settings, secret);
    const [[{ n: referralsBefore }]] = (await db.query("SELECT COUNT(*) AS n FROM referral WHERE campaign_id = ?", [campaignId])) as unknown as [{ n: number }[]];

    const invitees = Math.ceil(RECORD_RATE * (DURATION_S + WARMUP_S * WARMUP_SHARE) * 1.02) + 10;
    const readers = Math.ceil((READ_RATE / 2) * (DURATION_S + WARMUP_S * WARMUP_SHARE)) + 10;
    log(`set-up: ${invitees} new customers (invitees) and ${readers} referrers reading their rank, with sessions`);
    const newCustomers = await makeNewCustomers(db, secret, invitees);
    const readerTokens = await insertSessions(db, secret, Array.from({ length: readers }, () => randomReferrer()));
    log(`set-up: flushing the load's dirty pages (${await flushDirtyPages()} left)`);
    log(`set-up: starting ${INSTANCES} instance(s)`);
    servers.push(...(await startInstances(settings, INSTANCES)));
    // Managers reading boards and customers scanning codes are different people: each stream has its own connections.
    readClients.push(...servers.map((s) => client(s.url, 1_500)));
    recordClients.push(...servers.map((s) => client(s.url, 1_500)));
    const pick = (clients: Http[]) => (i: number) => clients[i % clients.length];
    const setupS = (performance.now() - setupStarted) / 1000;
    log(`set-up took ${setupS.toFixed(0)} s`);

    const reads = readStream(pick(readClients), campaignId, managerToken, readerTokens);
    const records = recordStream(pick(recordClients), newCustomers);
    await smokeTest(reads, records);
    reads.reset();
    records.reset();

    log(`warm-up: ${WARMUP_S} s at ${READ_RATE * WARMUP_SHARE} reads/s and ${RECORD_RATE * WARMUP_SHARE} records/s`);
    await Promise.all([openLoop(reads.send, READ_RATE * WARMUP_SHARE, WARMUP_S), openLoop(records.send, RECORD_RATE * WARMUP_SHARE, WARMUP_S)]);
    reads.reset();
    records.reset();

    log(`run: ${DURATION_S} s of reads at ${READ_RATE}/s and records at ${RECORD_RATE}/s, both offered at a fixed rate`);
    const progress = setInterval(() => log(`  ${reads.progress()}; ${records.progress()}`), 5_000);
    const [read, record] = await Promise.all([openLoop(reads.send, READ_RATE, DURATION_S, reads.answered), openLoop(records.send, RECORD_RATE, DURATION_S, records.answered)]);
    clearInterval(progress);

    summarize("reads", read);
    log(`  top 50: p50 ${round(percentile(reads.topMs, 50))} ms, p95 ${round(percentile(reads.topMs, 95))} ms; my rank: p50 ${round(percentile(reads.rankMs, 50))} ms, p95 ${round(percentile(reads.rankMs, 95))} ms`);
    summarize("records", record);
    log(`  outcomes: ${JSON.stringify(Object.fromEntries(records.outcomes))}`);
    if (reads.failures.size + records.failures.size > 0) log(`  failures: reads ${JSON.stringify(Object.fromEntries(reads.failures))}, records ${JSON.stringify(Object.fromEntries(records.failures))}`);
    const [[{ n: referrals }]] = (await db.query("SELECT COUNT(*) AS n FROM referral WHERE campaign_id = ?", [campaignId])) as unknown as [{ n: number }[]];
    const recordedInAll = records.recordedInAll();
    log(`referrals at the end: ${referrals} (${referralsBefore} before the run + ${recordedInAll} answered recorded, warm-up included)`);

    report({
      name: "leaderboard",
      db: "mariadb",
      instances: INSTANCES,
      offered_rate: READ_RATE,
      record_rate: RECORD_RATE,
      duration_s: DURATION_S,
      referrals: Number(referrals),
      read_p95_ms: round(percentile(read.latenciesMs, 95)),
      records_per_s: record.sent > 0 ? Math.round(records.recorded / record.seconds) : 0,
      read_p50_ms: round(percentile(read.latenciesMs, 50)),
      read_p99_ms: round(percentile(read.latenciesMs, 99)),
      top_p95_ms: round(percentile(reads.topMs, 95)),
      rank_p95_ms: round(percentile(reads.rankMs, 95)),
      record_p50_ms: round(percentile(record.latenciesMs, 50)),
      record_p95_ms: round(percentile(record.latenciesMs, 95)),
      record_p99_ms: round(percentile(record.latenciesMs, 99)),
      reads_per_s: read.sent > 0 ? Math.round(read.ok / read.seconds) : 0,
      not_recorded: record.sent - records.recorded - sum(records.failures),
      read_errors: sum(reads.failures),
      record_errors: sum(records.failures),
      lost_records: Number(referrals) - Number(referralsBefore) - recordedInAll,
      setup_s: Math.round(setupS),
      db_buffer_pool_mb: innodb.settings.innodb_buffer_pool_size / 1024 / 1024,
    });
  } finally {
    await db.end();
    for (const h of [...readClients, ...recordClients]) h.close();
    for (const s of servers) await s.stop();
    await innodb.restore();
  }
}

/**
 * A fresh campaign with the referral history in bulk: one instance migrates and makes the campaign,
 * then stops (no periodic job, such as the referral qualifier, may touch the referrals while they
 * are loaded and counted).
 */
async function loadCampaign(db: mysql.Connection, settings: NodeJS.ProcessEnv, secret: string): Promise<[string, string]> {
  const [first] = await startInstances(settings, 1); // migrates the fresh database
  const http = client(first.url, 4);
  let token: string, campaignId: string;
  try {
    token = await managerSession(db, secret);
    campaignId = await createCampaign(http, token);
  } finally {
    http.close();
    await first.stop();
  }
  log(`set-up: ${REFERRALS} referrals of ${STAFF} staff and ${CUSTOMERS} customers over ${HISTORY_DAYS} days, in bulk`);
  await loadReferralHistory(db, { campaignId, staff: STAFF, customers: CUSTOMERS, referrals: REFERRALS, days: HISTORY_DAYS, departments: DEPARTMENTS, timezone: TIMEZONE, now: Date.now() });
  log("set-up: checking scores and histograms against the referrals");
  const problems = await checkReferralHistory(db, campaignId);
  if (problems.length > 0) throw new Error(`inconsistent set-up: ${problems.join("; ")}`);
  return [token, campaignId];
}

/** BENCH_REUSE: the campaign the last run loaded, with a new manager session. */
async function lastRunsCampaign(db: mysql.Connection, secret: string): Promise<[string, string]> {
  const [rows] = (await db.query("SELECT id FROM campaigns ORDER BY created_at DESC LIMIT 1")) as unknown as [{ id: string }[]];
  if (rows.length === 0) throw new Error(`BENCH_REUSE: no campaign in ${DATABASE}; run once without it`);
  return [await managerSession(db, secret), rows[0].id];
}

const managerSession = async (db: mysql.Connection, secret: string) =>
  (await insertSessions(db, secret, [{ role: "manager", subjectId: "BenchManager", name: "压测经理" }]))[0];

/** Production instances with the same settings and secrets (a session works on any of them), each on its own port. */
async function startInstances(settings: NodeJS.ProcessEnv, count: number): Promise<Child[]> {
  const instances: Child[] = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...settings, PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, TZ: TIMEZONE, INSTANCE_ID: `bench-${i + 1}` };
    instances.push(await startNode([join(ROOT, "server/dist/main.js")], env, port, "/readyz"));
  }
  return instances;
}

async function createCampaign(http: Http, managerToken: string): Promise<string> {
  const res = await http.send({
    method: "POST",
    path: "/api/campaigns",
    body: JSON.stringify({ name: "老带新排行榜", startsAt: "2026-01-01T00:00:00Z", endsAt: "2027-12-31T00:00:00Z" }),
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${managerToken}` },
  });
  if (res.status !== 201) throw new Error(`POST /api/campaigns: ${res.status} ${res.body}`);
  return (JSON.parse(res.body) as { campaign: { id: string } }).campaign.id;
}

/** A referrer at random: each of the 202,000 equally likely (so none nears an hourly limit). */
function randomReferrer(): SessionSubject & { code: string } {
  const i = randomInt(REFERRERS);
  return i < STAFF
    ? { role: "staff", subjectId: staffIdOf(i), name: `顾问${i}`, code: staffCodeOf(i) }
    : { role: "customer", subjectId: customerIdOf(i - STAFF), name: `客户${i - STAFF}`, code: customerCodeOf(i - STAFF) };
}

/** Customers who just signed in to the mini-program for the first time: their record and a session. */
async function makeNewCustomers(db: mysql.Connection, secret: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  const now = Date.now();
  for (let i = 0; i < ids.length; i += 5_000) {
    await db.query("INSERT INTO customers (id, name, avatar, gender, created_at) VALUES ?", [ids.slice(i, i + 5_000).map((id) => [id, "微信用户", "", 0, now])]);
  }
  return insertSessions(
    db,
    secret,
    ids.map((id) => ({ role: "customer", subjectId: id, name: "微信用户" })),
  );
}

const any = <T>(items: readonly T[]): T => items[randomInt(items.length)];
const get = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Even requests: a department's top 50 of a period (manager); odd ones: a referrer's own rank. */
function readStream(pick: (i: number) => Http, campaignId: string, managerToken: string, readerTokens: string[]) {
  const state = { topMs: [] as number[], rankMs: [] as number[], failures: new Map<string, number>(), done: 0, nextReader: 0 };
  const pathOf = (i: number) =>
    i % 2 === 0
      ? `/api/campaigns/${campaignId}/leaderboard?board=staff&period=${any(PERIODS)}&metric=${any(METRICS)}&department=${2 + randomInt(DEPARTMENTS)}&limit=50`
      : `/api/campaigns/${campaignId}/my-rank?period=${any(PERIODS)}&metric=${any(METRICS)}`;
  const send = async (i: number) => {
    const token = i % 2 === 0 ? managerToken : readerTokens[state.nextReader++ % readerTokens.length];
    const path = pathOf(i);
    try {
      const res = await pick(i).send({ method: "GET", path, headers: get(token) });
      if (res.status === 200) return true;
      countFailure(state.failures, `${i % 2 === 0 ? "top" : "rank"} ${res.status}`, `${path}: ${res.body}`);
    } catch (err) {
      countFailure(state.failures, `${i % 2 === 0 ? "top" : "rank"} ${(err as { code?: string }).code ?? "error"}`, String(err));
    }
    return false;
  };
  /** The latencies since the last progress line, so a stall shows when it happened. */
  let window: number[] = [];
  const answered = (i: number, latencyMs: number) => {
    state.done++;
    (i % 2 === 0 ? state.topMs : state.rankMs).push(latencyMs);
    window.push(latencyMs);
  };
  const reset = () => Object.assign(state, { topMs: [], rankMs: [], failures: new Map(), done: 0 });
  const progress = () => {
    const line = `reads ${state.done} answered, p95 ${round(percentile([...state.topMs, ...state.rankMs], 95))} ms (last 5 s: ${round(percentile(window, 95))} ms)`;
    window = [];
    return line;
  };
  return Object.assign(state, { send, answered, reset, progress });
}

/** Request i: the i-th new customer opens a random referrer's code, from an address and a device of their own. */
function recordStream(pick: (i: number) => Http, tokens: string[]) {
  const state = { outcomes: new Map<string, number>(), failures: new Map<string, number>(), latest: [] as number[], recorded: 0, done: 0, offset: 0, used: 0, earlier: 0 };
  const send = async (i: number) => {
    const token = tokens[state.offset + i];
    state.used = Math.max(state.used, state.offset + i + 1);
    try {
      const res = await pick(i).send({
        method: "POST",
        path: "/api/referrals/open",
        body: JSON.stringify({ code: randomReferrer().code }),
        headers: { "Content-Type": "application/json", ...get(token), "X-Forwarded-For": randomIp(), "X-Device-Id": randomBytes(16).toString("hex") },
      });
      if (res.status !== 200 && res.status !== 201) {
        countFailure(state.failures, String(res.status), res.body);
        return false;
      }
      const { outcome } = JSON.parse(res.body) as { outcome: string };
      state.outcomes.set(outcome, (state.outcomes.get(outcome) ?? 0) + 1);
      if (outcome !== "recorded") return false;
      state.recorded++;
      return true;
    } catch (err) {
      countFailure(state.failures, (err as { code?: string }).code ?? "error", String(err));
      return false;
    }
  };
  const answered = (_i: number, latencyMs: number) => {
    state.done++;
    state.latest.push(latencyMs);
  };
  /** Measured requests start after the warm-up's invitees, with fresh counters. */
  const reset = () => {
    state.earlier += state.recorded;
    Object.assign(state, { outcomes: new Map(), failures: new Map(), latest: [], recorded: 0, done: 0, offset: state.used });
  };
  const recordedInAll = () => state.earlier + state.recorded;
  const progress = () => `records ${state.done} answered, ${state.recorded} recorded, p95 ${round(percentile(state.latest, 95))} ms`;
  return Object.assign(state, { send, answered, reset, recordedInAll, progress });
}

/** One of each request before the clock starts: a server that cannot answer them stops the run here. */
async function smokeTest(reads: ReturnType<typeof readStream>, records: ReturnType<typeof recordStream>): Promise<void> {
  const ok = [await reads.send(0), await reads.send(1), await records.send(0)];
  if (ok.every(Boolean)) return;
  throw new Error(`smoke test failed (top, rank, record: ${ok.join(", ")}): ${JSON.stringify(Object.fromEntries([...reads.failures, ...records.failures, ...records.outcomes]))}`);
}

const shownFailures = new Set<string>();
function countFailure(failures: Map<string, number>, key: string, detail: string): void {
  failures.set(key, (failures.get(key) ?? 0) + 1);
  if (!shownFailures.has(key)) {
    shownFailures.add(key);
    log(`  first ${key}: ${detail.slice(0, 300)}`);
  }
}

const randomIp = () => `${1 + randomInt(223)}.${randomInt(256)}.${randomInt(256)}.${1 + randomInt(254)}`;
const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const round = (n: number) => Math.round(n * 10) / 10;
const summarize = (label: string, r: LoadResult) =>
  log(`${label}: ${r.sent} sent, ${r.ok} ok, ${r.failed} not in ${r.seconds.toFixed(1)} s = ${Math.round(r.ok / r.seconds)}/s, p50 ${round(percentile(r.latenciesMs, 50))} ms, p95 ${round(percentile(r.latenciesMs, 95))} ms, p99 ${round(percentile(r.latenciesMs, 99))} ms`);

main().catch((err) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
