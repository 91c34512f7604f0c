import { randomUUID } from "node:crypto";
import { join } from "node:path";
import mysql from "mysql2/promise";
import { DEMO } from "@scrm/server/dist/sandbox/wecom/demoCorp";
import { freshMysqlDatabase, productionInnodb } from "./support/mysql";
import { withWecomSimulator } from "./support/wecom";
import { freePort, log, report, startNode, ROOT, type Child } from "./support/processes";

const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const STAFF = 1_000;
/** Business time of the run: a Thursday 10:00 in Shanghai, so no quiet hour or cap holds a task back. */
const BUSINESS_TIME = "2026-11-26T10:00:00+08:00";
/** Killed when this share of the tasks is done, and started again at once. */
const KILL_AT = 0.2;
const TIMEOUT_S = 900;
/** The simulator's limits, raised for this run so that the figure is our engine's (WeCom: 10,000 a minute per API, 30 messages a minute per member). */
const RAISED = { perApiPerMinute: 10_000_000, memberMessagesPerMinute: 1_000_000 };

/**
 * Soak of the follow-up queue: 100,000 due staff tasks (app messages) for 100,000 customers, two
 * production instances on one MariaDB ticking every second, one killed with SIGKILL part way and
 * started again. Counted from the WeCom simulator's own records of the messages that reached each
 * staff member (after its duplicate check): every task delivered once, none twice, none lost.
 */
async function main(): Promise<void> {
  const [portA, portB, simPort] = [await freePort(), await freePort(), await freePort()];
  const databaseUrl = await freshMysqlDatabase("scrm_bench_followups");
  const innodb = await productionInnodb();
  log(`InnoDB for the run: ${JSON.stringify(innodb.settings)}`);
  const { env: base, sim } = await withWecomSimulator(portA, simPort, databaseUrl, RAISED);
  const staff = Array.from({ length: STAFF }, (_, i) => `FollowStaff${String(i).padStart(4, "0")}`);
  // Their join events reach no instance yet (nothing is running): the simulator's members are what counts.
  for (const userId of staff) void sim.simulator.staffJoins({ userId, name: `顾问${userId.slice(-4)}`, department: [DEMO.sales2] }).catch(() => undefined);
  const env = (port: number, instance: string): NodeJS.ProcessEnv => ({
    ...base,
    PORT: String(port),
    INSTANCE_ID: instance,
    LOG_LEVEL: "warn",
    BUSINESS_TIME_AT_START: BUSINESS_TIME,
    CRON_FOLLOWUPS: "* * * * * *",
    WECOM_API_PER_MINUTE: String(RAISED.perApiPerMinute),
  });
  const server = [join(ROOT, "server/dist/main.js")];
  const db = await mysql.createConnection({ uri: databaseUrl });
  const running: Child[] = [];
  try {
    log("set-up: migrations, then the plan, customers and due tasks in bulk (not timed)");
    const first = await startNode(server, { ...env(portA, "bench-setup"), CRON_FOLLOWUPS: "0 0 1 1 *" }, portA);
    await first.stop();
    const planId = await insertPlanAndTasks(db);

    log(`two instances tick every second; one is killed at ${KILL_AT * 100}% done`);
    const started = performance.now();
    running.push(await startNode(server, env(portA, "bench-a"), portA), await startNode(server, env(portB, "bench-b"), portB));
    let killed = false;
    let lastDone = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 1_000));
      const counts = await stateCounts(db, planId);
      const finished = (counts.done ?? 0) + (counts.failed ?? 0) + (counts.stopped ?? 0) + (counts.unknown ?? 0);
      const seconds = (performance.now() - started) / 1000;
      log(`  ${seconds.toFixed(0)} s: ${JSON.stringify(counts)}; +${finished - lastDone}/s; deliveries seen ${sim.simulator.messages().length}`);
      lastDone = finished;
      if (!killed && finished >= TASKS * KILL_AT) {
        killed = true;
        // In the middle of a delivery: while bench-a holds tasks marked `sending`.
        const sending = await waitForSending(db, "bench-a");
        log(`  SIGKILL bench-a while it is sending ${sending} tasks, starting it again`);
        running[0].process.kill("SIGKILL");
        await new Promise((r) => running[0].process.once("exit", r));
        running[0] = await startNode(server, env(portA, "bench-a2"), portA);
      }
      if (finished >= TASKS || seconds > TIMEOUT_S) break;
    }
    const durationS = (performance.now() - started) / 1000;

    const deliveries = new Map<string, number>();
    for (const m of sim.simulator.messages()) {
      const task = /[?&]task=([\w-]+)/.exec(JSON.stringify(m.content))?.[1];
      if (task) deliveries.set(task, (deliveries.get(task) ?? 0) + 1);
    }
    const [rows] = (await db.query("SELECT id, state, reason FROM followup_task WHERE plan_id = ?", [planId])) as unknown as [{ id: string; state: string; reason: string | null }[]];
    const lost = rows.filter((t) => t.state !== "done" || !deliveries.has(t.id)).length;
    const duplicates = rows.filter((t) => (deliveries.get(t.id) ?? 0) > 1).length;
    const reconciled = rows.filter((t) => t.reason?.startsWith("reconciled")).length;
    const delivered = rows.filter((t) => deliveries.has(t.id)).length;
    log(`delivered ${delivered} of ${TASKS} in ${durationS.toFixed(1)} s; duplicates ${duplicates}; lost ${lost}; reconciled after the kill ${reconciled}`);
    report({
      name: "followups",
      db: "mariadb",
      instances: 2,
      duration_s: Math.round(durationS * 10) / 10,
      deliveries_per_s: Math.round(delivered / durationS),
      tasks: TASKS,
      delivered,
      duplicates,
      lost,
      unknown_reconciled: reconciled,
      staff: STAFF,
      tick_s: 1,
      killed_at: KILL_AT,
    });
  } finally {
    await db.end();
    for (const child of running) await child.stop();
    await sim.stop();
    await innodb.restore();
  }
}

/** A staff-task plan, one customer per task, every task due now; answers the plan's id. */
async function insertPlanAndTasks(db: mysql.Connection): Promise<string> {
  const planId = randomUUID();
  const now = Date.parse(BUSINESS_TIME);
  const steps = [{ delay: { amount: 0, unit: "minutes" }, channel: "staff_task", template: "请跟进{customerName}", stopWhen: [] }];
  await db.query(
    "INSERT INTO followup_plan (id, plan_key, name, trigger_kind, trigger_def, steps, enabled, version, created_at, updated_at) VALUES (?, NULL, '压测跟进', 'customer_added', ?, ?, 1, 1, ?, ?)",
    [planId, JSON.stringify({ kind: "customer_added" }), JSON.stringify(steps), now, now],
  );
  const chunk = 5_000;
  for (let i = 0; i < TASKS; i += chunk) {
    const ids = Array.from({ length: Math.min(chunk, TASKS - i) }, () => randomUUID());
    await db.query("INSERT INTO customers (id, name, avatar, gender, created_at) VALUES ?", [ids.map((id, j) => [id, `客户${i + j}`, "", 0, now])]);
    await db.query(
      "INSERT INTO followup_task (id, plan_id, plan_version, step, channel, customer_id, staff_user_id, occurrence, trigger_at, due_at, state, attempts, created_at) VALUES ?",
      [ids.map((customerId, j) => [randomUUID(), planId, 1, 0, "staff_task", customerId, `FollowStaff${String((i + j) % STAFF).padStart(4, "0")}`, `bench:${i + j}`, now - 60_000, now - 60_000, "pending", 0, now])],
    );
  }
  return planId;
}

/** Waits until the instance holds tasks it marked `sending` (its platform calls under way); answers how many. */
async function waitForSending(db: mysql.Connection, instance: string): Promise<number> {
  for (;;) {
    const [[{ n }]] = (await db.query("SELECT COUNT(*) AS n FROM followup_task WHERE state = 'sending' AND lease_owner LIKE ?", [`${instance}#%`])) as unknown as [{ n: number | string }[]];
    if (Number(n) > 0) return Number(n);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function stateCounts(db: mysql.Connection, planId: string): Promise<Record<string, number>> {
  const [rows] = (await db.query("SELECT state, COUNT(*) AS n FROM followup_task WHERE plan_id = ? GROUP BY state", [planId])) as unknown as [{ state: string; n: number | string }[]];
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

main().catch((err) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
