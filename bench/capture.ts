import { join } from "node:path";
import { DEMO } from "@scrm/server/dist/sandbox/wecom/demoCorp";
import { percentile } from "./support/load";
import { freshMysqlDatabase } from "./support/mysql";
import { withWecomSimulator } from "./support/wecom";
import { freePort, log, report, startNode, ROOT } from "./support/processes";

const CUSTOMERS = 1_000;
const OFFERED_RATE = 100;
const EXTRA_STAFF = ["BenchStaff1", "BenchStaff2", "BenchStaff3", "BenchStaff4"];
const POOL = [...DEMO.staff, ...EXTRA_STAFF]; // ten staff

/**
 * Customer capture end to end on one instance over MariaDB: 1,000 simulated customers add staff
 * through one channel with ten staff, arriving at 100 adds/s. The WeCom simulator plays WeCom
 * (callbacks, contact way, welcome codes valid 20 s) and records when each welcome arrived.
 */
async function main(): Promise<void> {
  const [port, simPort] = [await freePort(), await freePort()];
  const databaseUrl = await freshMysqlDatabase("scrm_bench_capture");
  const { env, sim } = await withWecomSimulator(port, simPort, databaseUrl);
  // Four more members before the server starts: its start-up directory sync takes all ten.
  for (const userId of EXTRA_STAFF) void sim.simulator.staffJoins({ userId, name: `测试顾问${userId.slice(-1)}`, department: [DEMO.sales2] });
  const server = await startNode([join(ROOT, "server/dist/main.js")], env, port, "/readyz");
  try {
    const token = await signInManager(server.url, sim.simulator);
    const channel = await createChannel(server.url, token);
    const configId = sim.simulator.contactWays().find((w) => w.state === channel.state)!.config_id;

    log(`${CUSTOMERS} customers at ${OFFERED_RATE}/s`);
    const started = performance.now();
    const adds: Promise<unknown>[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const due = started + (i * 1000) / OFFERED_RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      adds.push(sim.simulator.customerAddsStaff({ configId, name: `客户${i}` }));
    }
    const receipts = (await Promise.all(adds)) as { fields: Record<string, string> }[];
    const durationS = (performance.now() - started) / 1000;
    const externals = new Set(receipts.map((r) => r.fields.ExternalUserID));
    log("waiting for the last welcomes");
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && new Set(sim.simulator.welcomes().map((w) => w.external_userid)).size < externals.size) {
      await new Promise((r) => setTimeout(r, 200));
    }

    const welcomes = sim.simulator.welcomes().filter((w) => externals.has(w.external_userid));
    const welcomed = new Set(welcomes.map((w) => w.external_userid));
    const perStaff = new Map<string, number>(POOL.map((u) => [u, 0]));
    for (const w of welcomes) perStaff.set(w.userid, (perStaff.get(w.userid) ?? 0) + 1);
    const latencies = welcomes.map((w) => w.codeAgeMs);
    report({
      name: "capture",
      db: "mariadb",
      instances: 1,
      offered_rate: OFFERED_RATE,
      duration_s: Math.round(durationS * 10) / 10,
      welcome_p50_ms: Math.round(percentile(latencies, 50)),
      welcome_p99_ms: Math.round(percentile(latencies, 99)),
      missed: externals.size - welcomed.size,
      duplicate_welcomes: welcomes.length - welcomed.size,
      per_staff_min: Math.min(...perStaff.values()),
      per_staff_max: Math.max(...perStaff.values()),
    });
  } finally {
    await server.stop();
    await sim.stop();
  }
}

/** The demo manager signs in through WeCom OAuth, once the start-up sync has brought the staff in. */
async function signInManager(url: string, sim: { issueOAuthCode(userId: string): string }): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(`${url}/api/auth/wecom/oauth`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code: sim.issueOAuthCode(DEMO.manager) }) });
    if (res.status === 201) {
      const { token } = (await res.json()) as { token: string };
      const staff = (await (await fetch(`${url}/api/admin/staff`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { staff: unknown[] };
      if (staff.staff.length >= POOL.length + 1) return token;
    }
    if (Date.now() > deadline) throw new Error(`the manager could not sign in (${res.status})`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function createChannel(url: string, token: string): Promise<{ id: string; state: string }> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(url + path, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, { id: string; state: string }>>;
  };
  const period = { startsAt: new Date(Date.now() - 86_400_000).toISOString(), endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString() };
  const { campaign } = await post("/api/campaigns", { name: "压测活动", ...period });
  const { channel } = await post("/api/channels", {
    campaignId: campaign.id,
    name: "压测展台",
    kind: "expo",
    ...period,
    staffPool: POOL,
    routing: { kind: "round_robin" },
    welcome: { text: "您好，欢迎光临！" },
  });
  return channel;
}

main().catch((err) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
