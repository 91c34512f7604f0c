import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { ensureSandboxSecrets } from "@scrm/server/dist/sandbox/secrets";

/** The repository root (found through the server workspace, wherever this file is compiled to). */
export const ROOT = resolve(dirname(require.resolve("@scrm/server/package.json")), "..");
export const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
    s.on("error", fail);
  });
}

/**
 * The environment of a production instance (SANDBOX=0, every setting explicit), on 127.0.0.1.
 * The platforms' base URLs point at `platformBase` (a simulator the benchmark runs, or the
 * discard port), so a benchmark never calls out of this machine.
 */
export async function productionEnv(port: number, databaseUrl: string, platformBase = "http://127.0.0.1:9"): Promise<NodeJS.ProcessEnv> {
  const dir = mkdtempSync(join(tmpdir(), "scrm-bench-"));
  const secrets = await ensureSandboxSecrets(dir);
  return {
    PATH: process.env.PATH,
    ...Object.fromEntries(Object.entries(secrets).map(([k, v]) => [k, String(v)])),
    SANDBOX: "0",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dir,
    LOG_LEVEL: "info",
    WECOM_API_BASE: `${platformBase}/wecom`,
    MINIAPP_API_BASE: `${platformBase}/miniapp`,
    WECHATPAY_API_BASE: `${platformBase}/wechatpay`,
  };
}

export interface Child {
  process: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a node script in its own process and waits until `readyPath` answers 200. Its logs are
 * discarded, or appended to the file `BENCH_SERVER_LOG` names (to see what a server did during a run);
 * `BENCH_NODE_ARGS` go to node before the script (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
export async function startNode(args: string[], env: NodeJS.ProcessEnv, port: number, readyPath = "/healthz"): Promise<Child> {
  const logs = process.env.BENCH_SERVER_LOG ? openSync(process.env.BENCH_SERVER_LOG, "a") : "ignore";
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd: ROOT, env, stdio: ["ignore", logs, "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(" ")} exited with ${child.exitCode}`);
    try {
      if ((await fetch(url + readyPath)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${url}${readyPath} never became ready`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () =>
    new Promise<void>((ok) => {
      if (child.exitCode !== null) return ok();
      child.once("exit", () => ok());
      child.kill("SIGTERM");
    });
  return { process: child, url, stop };
}

/** The one JSON line a benchmark prints on stdout. */
export const report = (result: Record<string, unknown>) => process.stdout.write(JSON.stringify(result) + "\n");
