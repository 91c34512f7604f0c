import autocannon from "autocannon";
import { join } from "node:path";
import { freePort, log, productionEnv, report, startNode, ROOT } from "./support/processes";

const CONNECTIONS = 100;
const DURATION_S = 10;

async function measure(url: string, label: string): Promise<number> {
  log(`${label}: warming up`);
  await autocannon({ url, connections: CONNECTIONS, duration: 2 });
  log(`${label}: ${DURATION_S} s at ${CONNECTIONS} connections`);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${label}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  log(`${label}: ${result.requests.average} req/s, p99 ${result.latency.p99} ms`);
  return result.requests.average;
}

/**
 * Requests/s of GET /healthz through the whole middleware stack (a production instance: request
 * id, access log, error handler, body parser, router, access guard) against a bare Koa
 * hello-world, each in its own process, same load generator, same run.
 */
async function main(): Promise<void> {
  const stackPort = await freePort();
  const env = await productionEnv(stackPort, `sqlite:${join(ROOT, "data/bench-http.sqlite")}`);
  const stack = await startNode([join(ROOT, "server/dist/main.js")], env, stackPort);
  const stackRps = await measure(`${stack.url}/healthz`, "stack").finally(() => stack.stop());

  const barePort = await freePort();
  const bare = await startNode([join(ROOT, "bench/support/bareKoa.js")], { PATH: process.env.PATH, PORT: String(barePort) }, barePort, "/");
  const bareRps = await measure(bare.url, "bare koa").finally(() => bare.stop());

  report({
    name: "http",
    db: "sqlite",
    instances: 1,
    concurrency: CONNECTIONS,
    duration_s: DURATION_S,
    stack_rps: Math.round(stackRps),
    bare_rps: Math.round(bareRps),
    ratio: Number((stackRps / bareRps).toFixed(3)),
  });
}

main().catch((err) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
