import { randomUUID } from "node:crypto";
import { join } from "node:path";
import mysql from "mysql2/promise";
import { keyedHash, newToken } from "@scrm/server/dist/platform/ids";
import { closedLoop, client, openLoop, percentile, type LoadResult } from "./support/load";
import { freshMysqlDatabase, queryOne } from "./support/mysql";
import { freePort, log, productionEnv, report, startNode, ROOT } from "./support/processes";

const STOCK = 50_000;
const CUSTOMERS = 100_000;
const CONCURRENCY = 200;
const OFFERED_RATE = 1_000;

interface Customer {
  id: string;
  token: string;
}

/**
 * A flash sale on one production instance over MariaDB: one stock of 50,000 units, 100,000
 * customers each claiming once (sessions made before the clock starts). Throughput from a closed
 * loop at 200 connections over the whole sale; then latency over a second sale of the same size
 * at a fixed offered rate. Afterwards the database is checked against every answer.
 */
async function main(): Promise<void> {
  const port = await freePort();
  const databaseUrl = await freshMysqlDatabase("scrm_bench_coupons");
  const env = await productionEnv(port, databaseUrl);
  const server = await startNode([join(ROOT, "server/dist/main.js")], env, port, "/readyz");
  const http = client(server.url, CONCURRENCY * 2);
  try {
    log("setting up: a manager, a campaign, two stocks, 200,000 customer sessions");
    const db = await mysql.createConnection({ uri: databaseUrl });
    const manager = await sessions(db, env.SESSION_SECRET!, "manager", 1);
    const api = async (path: string, body: unknown) => {
      const res = await http.send({ method: "POST", path, body: JSON.stringify(body), headers: { "Content-Type": "application/json", Authorization: `Bearer ${manager[0].token}` } });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${res.body}`);
      return JSON.parse(res.body) as Record<string, { id: string }>;
    };
    const { campaign } = await api("/api/campaigns", { name: "双十一秒杀", startsAt: "2026-01-01T00:00:00Z", endsAt: "2027-12-31T00:00:00Z" });
    const stock = async (name: string) =>
      (
        await api("/api/coupon-stocks", {
          campaignId: campaign.id,
          name,
          kind: "own",
          benefit: { kind: "amount_off", amountFen: 2000, minSpendFen: 20000 },
          validity: { kind: "days_after_claim", days: 7 },
          total: STOCK,
        })
      ).stock.id;
    const [first, second] = [await stock("秒杀券一"), await stock("秒杀券二")];
    const [buyers1, buyers2] = [await sessions(db, env.SESSION_SECRET!, "customer", CUSTOMERS), await sessions(db, env.SESSION_SECRET!, "customer", CUSTOMERS)];
    await db.end();

    log(`sale 1: ${CUSTOMERS} customers, ${CONCURRENCY} connections, closed loop`);
    const sale1 = sale(http, first, buyers1);
    const closed = await closedLoop(sale1.claim, CUSTOMERS, CONCURRENCY, 3_600);
    summarize("closed", closed);
    log(`sale 2: ${CUSTOMERS} customers offered at ${OFFERED_RATE}/s`);
    const sale2 = sale(http, second, buyers2);
    const open = await openLoop(sale2.claim, OFFERED_RATE, CUSTOMERS / OFFERED_RATE);
    summarize("open", open);

    log("checking the database against the answers");
    const checked = [await check(databaseUrl, first, sale1.issuedIds), await check(databaseUrl, second, sale2.issuedIds)];
    report({
      name: "coupons",
      db: "mariadb",
      instances: 1,
      concurrency: CONCURRENCY,
      offered_rate: OFFERED_RATE,
      duration_s: Math.round(open.seconds),
      closed_duration_s: Math.round(closed.seconds),
      stock: STOCK,
      claims_per_s: Math.round(closed.ok / closed.seconds),
      p50_ms: round(percentile(open.latenciesMs, 50)),
      p99_ms: round(percentile(open.latenciesMs, 99)),
      issued: checked[0].issued,
      oversold: checked[0].oversold + checked[1].oversold,
      double_grants: checked[0].doubleGrants + checked[1].doubleGrants,
      lost: checked[0].lost + checked[1].lost,
      sold_out_answers: sale1.soldOut,
      failed_requests: closed.failed + open.failed,
    });
  } finally {
    http.close();
    await server.stop();
  }
}

/** Customer (or manager) sessions written straight into the session table, as a login would. */
async function sessions(db: mysql.Connection, secret: string, role: string, count: number): Promise<Customer[]> {
  const made: Customer[] = Array.from({ length: count }, () => ({ id: randomUUID(), token: newToken() }));
  const now = Date.now();
  for (let i = 0; i < made.length; i += 5_000) {
    const rows = made.slice(i, i + 5_000).map((c) => [keyedHash(secret, c.token), role, role === "manager" ? "ZhangWei" : c.id, "压测用户", now, now + 86_400_000]);
    await db.query("INSERT INTO sessions (token_hash, role, subject_id, name, created_at, expires_at) VALUES ?", [rows]);
  }
  return made;
}

/** Each customer claims once; an answer counts when it is an issued coupon or a sold-out refusal. */
function sale(http: ReturnType<typeof client>, stockId: string, customers: Customer[]) {
  const issuedIds: string[] = [];
  const state = { issuedIds, soldOut: 0 };
  const body = JSON.stringify({ stockId });
  const claim = async (i: number) => {
    const res = await http.send({
      method: "POST",
      path: "/api/coupons/claim",
      body,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${customers[i].token}`, "Idempotency-Key": `bench-${i}-${stockId}` },
    });
    if (res.status === 201) {
      issuedIds.push((JSON.parse(res.body) as { coupon: { id: string } }).coupon.id);
      return true;
    }
    if (res.status === 409 && res.body.includes('"sold_out"')) {
      state.soldOut++;
      return true;
    }
    return false;
  };
  return Object.assign(state, { claim });
}

async function check(url: string, stockId: string, answeredIssued: string[]) {
  const { issued } = await queryOne<{ issued: number }>(url, `SELECT COUNT(*) AS issued FROM coupon_claim WHERE stock_id = '${stockId}' AND state = 'issued'`);
  const { remaining } = await queryOne<{ remaining: number }>(url, `SELECT SUM(remaining) AS remaining FROM coupon_stock_counter WHERE stock_id = '${stockId}'`);
  const { doubles } = await queryOne<{ doubles: number }>(
    url,
    `SELECT COUNT(*) AS doubles FROM (SELECT customer_id FROM coupon_claim WHERE stock_id = '${stockId}' AND state = 'issued' GROUP BY customer_id HAVING COUNT(*) > 1) d`,
  );
  const conn = await mysql.createConnection({ uri: url });
  let found = 0;
  for (let i = 0; i < answeredIssued.length; i += 5_000) {
    const [rows] = await conn.query("SELECT COUNT(*) AS n FROM coupon_claim WHERE state = 'issued' AND id IN (?)", [answeredIssued.slice(i, i + 5_000)]);
    found += Number((rows as { n: number }[])[0].n);
  }
  await conn.end();
  const counted = Number(issued);
  log(`stock ${stockId}: issued ${counted}, remaining ${remaining}, answered issued ${answeredIssued.length}, stored of those ${found}`);
  return {
    issued: counted,
    oversold: Math.max(0, counted - STOCK) + (Number(remaining) < 0 ? -Number(remaining) : 0) + (counted + Number(remaining) !== STOCK ? 1 : 0),
    doubleGrants: Number(doubles),
    lost: answeredIssued.length - found,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
const summarize = (label: string, r: LoadResult) =>
  log(`${label}: ${r.ok} ok, ${r.failed} failed in ${r.seconds.toFixed(1)} s = ${Math.round(r.ok / r.seconds)}/s, p50 ${round(percentile(r.latenciesMs, 50))} ms, p99 ${round(percentile(r.latenciesMs, 99))} ms`);

main().catch((err) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
