import { randomUUID } from "node:crypto";
import { join } from "node:path";
import mysql from "mysql2/promise";
import { DEMO } from "@scrm/server/dist/sandbox/wecom/demoCorp";
import { closedLoop, client, openLoop, percentile, type LoadResult } from "./support/load";
import { freshMysqlDatabase, productionInnodb } from "./support/mysql";
import { withWecomSimulator } from "./support/wecom";
import { freePort, log, report, startNode, ROOT } from "./support/processes";
import { insertSessions } from "./support/sessions";

const CUSTOMERS = 2_000;
const STAFF = 20;
const MATERIALS = 10;
const SHARES = 50;
/** Of each customer's ten events on a share, the first is the open (a view), the rest heartbeats. */
const EVENTS_PER_READ = 10;
const HEARTBEAT_DWELL_MS = 5_000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const OFFERED_RATE = Number(process.env.BENCH_OFFERED_RATE ?? 1_500);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
/** Before the clock starts (not measured, not counted): connections, JIT, caches of shares and sessions. */
const WARMUP_S = 3;
const WARMUP_RATE = 500;

/** What WeChat's mini-program sends as its User-Agent on a phone (so no event is marked a bot). */
const WECHAT_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44(0x18002c2f) NetType/WIFI Language/zh_CN miniProgram";

type Http = ReturnType<typeof client>;

interface Reader {
  token: string;
  deviceId: string;
}

/**
 * Material tracking on one production instance over MariaDB: 2,000 signed-in customers, each on
 * their own device, reading 50 shares of 10 materials by 20 staff members. A customer opens a share
 * (a view) and sends heartbeats while reading (9 of every 10 events), then moves to another share.
 * Throughput from a closed loop of 200 connections; then latency at a fixed offered rate of 1,500
 * events/s, measured from each event's due time. Afterwards every acknowledged event must be a row.
 */
async function main(): Promise<void> {
  const setupStarted = performance.now();
  const [port, simPort] = [await freePort(), await freePort()];
  const databaseUrl = await freshMysqlDatabase("scrm_bench_tracking");
  const innodb = await productionInnodb();
  log(`InnoDB for the run: ${JSON.stringify(innodb.settings)}`);
  // The WeCom simulator takes the staff alerts customers' views earn (a failing WeCom would leave
  // the instance retrying them); its members are the benchmark's staff.
  const { env, sim } = await withWecomSimulator(port, simPort, databaseUrl);
  for (const userId of [WARM_STAFF, ...Array.from({ length: STAFF }, (_, i) => staffIdOf(i))]) void sim.simulator.staffJoins({ userId, name: `顾问${userId.slice(-2)}`, department: [DEMO.sales2] });
  const secret = env.SESSION_SECRET!;
  const server = await startNode([join(ROOT, "server/dist/main.js")], env, port, "/readyz");
  const http = client(server.url, Math.max(CONCURRENCY, 1_000));
  const db = await mysql.createConnection({ uri: databaseUrl });
  try {
    log(`set-up: a manager, ${STAFF} staff, ${MATERIALS} materials, ${SHARES} shares, ${CUSTOMERS} customers with sessions`);
    const [manager, warmStaff, ...staff] = await insertSessions(db, secret, [
      { role: "manager", subjectId: "BenchManager", name: "压测经理" },
      { role: "staff", subjectId: WARM_STAFF, name: "预热顾问" },
      ...Array.from({ length: STAFF }, (_, i) => ({ role: "staff" as const, subjectId: staffIdOf(i), name: `顾问${i}` })),
    ]);
    const materials: string[] = [];
    for (let m = 0; m < MATERIALS; m++) materials.push(await createMaterial(http, manager, m));
    // Share s: staff member s % 20 shares material (s + s / 20) % 10, so no (staff, material) pair repeats.
    const shares: string[] = [];
    for (let s = 0; s < SHARES; s++) shares.push(await share(http, staff[s % STAFF], materials[(s + Math.floor(s / STAFF)) % MATERIALS]));
    // The warm-up reads shares of their own, so the counted shares hold the measured events only.
    const warmShares: string[] = [];
    for (const m of materials) warmShares.push(await share(http, warmStaff, m));
    const readers = await makeCustomers(db, secret, CUSTOMERS);
    const setupS = (performance.now() - setupStarted) / 1000;
    log(`set-up took ${setupS.toFixed(0)} s`);

    const warm = stream(http, readers, warmShares);
    if (!(await warm.send(0)) || !(await warm.send(CUSTOMERS))) throw new Error(`smoke test failed: ${JSON.stringify(Object.fromEntries(warm.failures))}`);
    log(`warm-up: ${WARMUP_S} s at ${WARMUP_RATE} events/s on separate shares (not counted)`);
    await openLoop((i) => warm.send(i + 2 * CUSTOMERS), WARMUP_RATE, WARMUP_S);

    const events = stream(http, readers, shares);
    log(`closed loop: ${CONCURRENCY} connections for ${DURATION_S} s`);
    const closedProgress = setInterval(() => log(`  ${events.progress()}`), 5_000);
    const closed = await closedLoop(events.send, Number.MAX_SAFE_INTEGER, CONCURRENCY, DURATION_S);
    clearInterval(closedProgress);
    summarize("closed", closed);
    const closedAcked = events.acked;

    log(`open loop: ${OFFERED_RATE} events/s for ${DURATION_S} s`);
    const offset = closed.sent;
    // Each 5 s window's own p99, so a stall shows when it happened.
    let window: number[] = [];
    const openProgress = setInterval(() => {
      log(`  ${events.progress()}; last 5 s: p50 ${round(percentile(window, 50))} ms, p99 ${round(percentile(window, 99))} ms`);
      window = [];
    }, 5_000);
    const bySecond: number[][] = Array.from({ length: Math.ceil(DURATION_S) }, () => []);
    const open = await openLoop((i) => events.send(offset + i), OFFERED_RATE, DURATION_S, (i, latencyMs) => {
      window.push(latencyMs);
      bySecond[Math.min(bySecond.length - 1, Math.floor(i / OFFERED_RATE))].push(latencyMs);
    });
    clearInterval(openProgress);
    summarize("open", open);
    log(`  p99 by second of due time (ms): ${bySecond.map((l) => Math.round(percentile(l, 99))).join(" ")}`);
    if (events.failures.size > 0) log(`failures: ${JSON.stringify(Object.fromEntries(events.failures))}`);

    const [[{ n }]] = (await db.query("SELECT COUNT(*) AS n FROM material_event WHERE token IN (?)", [shares])) as unknown as [{ n: number | string }[]];
    const stored = Number(n);
    log(`WeCom app messages (staff alerts) delivered by then: ${sim.simulator.messages().length}`);
    log(`events acknowledged ${events.acked} (closed ${closedAcked}, open ${events.acked - closedAcked}; ${events.views} views), stored ${stored}`);

    report({
      name: "tracking",
      db: "mariadb",
      instances: 1,
      concurrency: CONCURRENCY,
      offered_rate: OFFERED_RATE,
      duration_s: DURATION_S,
      events_per_s: Math.round(closed.ok / closed.seconds),
      p99_ms: round(percentile(open.latenciesMs, 99)),
      events: events.acked,
      stored,
      p50_ms: round(percentile(open.latenciesMs, 50)),
      closed_p99_ms: round(percentile(closed.latenciesMs, 99)),
      failed_requests: closed.failed + open.failed,
      customers: CUSTOMERS,
      shares: SHARES,
      setup_s: Math.round(setupS),
    });
  } finally {
    await db.end();
    http.close();
    await server.stop();
    await sim.stop();
    await innodb.restore();
  }
}

const staffIdOf = (i: number) => `BenchStaff${String(i).padStart(2, "0")}`;
const WARM_STAFF = "BenchStaffWU";

async function post(http: Http, token: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await http.send({ method: "POST", path, body: JSON.stringify(body), headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` } });
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${res.body}`);
  return JSON.parse(res.body) as Record<string, unknown>;
}

/** A mini-program page material: no pictures to upload, and what a viewer sends is the same. */
async function createMaterial(http: Http, manager: string, m: number): Promise<string> {
  const { material } = await post(http, manager, "/api/materials", {
    title: `冬季新品第${m + 1}期`,
    summary: "全场新品八折",
    content: { kind: "page", path: `pages/landing/index?state=bench${m}` },
    scripts: ["新品到了，给您看看"],
    category: "新品",
    tags: ["压测"],
  });
  return (material as { id: string }).id;
}

async function share(http: Http, staff: string, materialId: string): Promise<string> {
  const { token } = await post(http, staff, `/api/materials/${materialId}/shares`, { channel: "card" });
  return token as string;
}

/** Customer records (as a first sign-in leaves them) and their sessions, each with a device of their own. */
async function makeCustomers(db: mysql.Connection, secret: string, count: number): Promise<Reader[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  const now = Date.now();
  for (let i = 0; i < ids.length; i += 5_000) {
    await db.query("INSERT INTO customers (id, name, avatar, gender, created_at) VALUES ?", [ids.slice(i, i + 5_000).map((id, j) => [id, `客户${i + j}`, "", 0, now])]);
  }
  const tokens = await insertSessions(
    db,
    secret,
    ids.map((id, i) => ({ role: "customer", subjectId: id, name: `客户${i}` })),
  );
  return tokens.map((token) => ({ token, deviceId: `dev-${randomUUID()}` }));
}

/**
 * Event i comes from customer i % 2,000 (round robin: no customer has two events in flight at
 * 200 connections). A customer's every tenth event opens the next share (a view); the others are
 * heartbeats of 5 s reading. Customers start on different shares, at different points of their
 * reading, and move through all of them.
 */
function stream(http: Http, readers: Reader[], shares: string[]) {
  const state = { acked: 0, views: 0, answered: 0, failures: new Map<string, number>() };
  /** Events each customer has sent in this stream so far. */
  const sent = new Array<number>(readers.length).fill(0);
  const send = async (i: number): Promise<boolean> => {
    const c = i % readers.length;
    const reader = readers[c];
    // Customers are at different points of their reading: customer c is c events into it, so
    // opens spread evenly over time instead of all 2,000 customers opening a share at once.
    const n = sent[c]++ + (c % EVENTS_PER_READ);
    const token = shares[(c * 7 + Math.floor(n / EVENTS_PER_READ)) % shares.length];
    const view = n % EVENTS_PER_READ === 0;
    const body = JSON.stringify(view ? { kind: "view", deviceId: reader.deviceId } : { kind: "heartbeat", deviceId: reader.deviceId, dwellMs: HEARTBEAT_DWELL_MS });
    try {
      const res = await http.send({
        method: "POST",
        path: `/api/shares/${token}/events`,
        body,
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${reader.token}`, "User-Agent": WECHAT_UA },
      });
      if (res.status >= 200 && res.status < 300) {
        state.acked++;
        if (view) state.views++;
        return true;
      }
      countFailure(state.failures, String(res.status), res.body);
    } catch (err) {
      countFailure(state.failures, (err as { code?: string }).code ?? "error", String(err));
    } finally {
      state.answered++;
    }
    return false;
  };
  const progress = () => `${state.answered} answered, ${state.acked} acknowledged`;
  return Object.assign(state, { send, progress });
}

const shownFailures = new Set<string>();
function countFailure(failures: Map<string, number>, key: string, detail: string): void {
  failures.set(key, (failures.get(key) ?? 0) + 1);
  if (!shownFailures.has(key)) {
    shownFailures.add(key);
    log(`  first ${key}: ${detail.slice(0, 300)}`);
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
const summarize = (label: string, r: LoadResult) =>
  log(
    `${label}: ${r.sent} sent, ${r.ok} ok, ${r.failed} not in ${r.seconds.toFixed(1)} s = ${Math.round(r.ok / r.seconds)}/s, p50 ${round(percentile(r.latenciesMs, 50))} ms, p99 ${round(percentile(r.latenciesMs, 99))} ms, max ${round(r.latenciesMs.reduce((a, b) => Math.max(a, b), 0))} ms`,
  );

main().catch((err) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
