import type Koa from "koa";
import type Router from "@koa/router";
import { join } from "node:path";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { parseConfig, type Config } from "@scrm/config";
import { ensureSandboxSecrets } from "../../server/src/sandbox/secrets";
import { startServer, type RunningServer } from "../../server/src/server";
import { buildApp } from "../../server/src/app";
import { createLogger } from "../../server/src/platform/logger";
import { openTestDatabase } from "./database";

export interface TestApp extends RunningServer {
  config: Config;
  close(): Promise<void>;
}

/** Development secrets shared by the test files of one worker (generating RSA keys is slow). */
export const testSecrets = () => ensureSandboxSecrets(join(tmpdir(), `scrm-test-secrets-${process.env.JEST_WORKER_ID ?? "0"}`));

/** A port free on 127.0.0.1 right now, so a test server knows its own URL before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/**
 * Test configuration: sandbox unless `env` says otherwise, on a free port of 127.0.0.1 that is
 * also its PUBLIC_BASE_URL, so the mounted simulators call back to this very server.
 */
export async function testConfig(env: Record<string, string> = {}): Promise<Config> {
  const secrets = await testSecrets();
  const port = env.PORT ?? String(await freePort());
  const raw = { SANDBOX: "1", PORT: port, HOST: "127.0.0.1", LOG_LEVEL: "silent", PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, ...env };
  const outsideSandbox = raw.SANDBOX === "0" ? Object.fromEntries(Object.entries(secrets).map(([k, v]) => [k, String(v)])) : {};
  const result = parseConfig({ DATABASE_URL: "sqlite::memory:", ...outsideSandbox, ...raw }, secrets);
  if (!result.ok) throw new Error(result.problems.join("\n"));
  return result.config;
}

/**
 * Starts the whole server on a fresh database of this project's kind. Periodic jobs are off
 * unless `schedule` is set, so a test drives them (e.g. `deps.inboxWorker.tick()`) when it wants.
 */
export async function startTestApp(env: Record<string, string> = {}, options: { schedule?: boolean } = {}): Promise<TestApp> {
  const config = await testConfig(env);
  const database = await openTestDatabase();
  const server = await startServer(
    { ...config, database: database.setting },
    { db: database.db, logger: createLogger(config.logLevel), schedule: options.schedule ?? false },
  );
  return {
    ...server,
    config,
    close: async () => {
      await server.stop();
      await database.close();
    },
  };
}

/** The app with extra test-only routes mounted before the catch-all 404, for exercising middleware. */
export function appWithRoutes(deps: TestApp["deps"], router: Router): Koa {
  const koa = buildApp(deps);
  koa.middleware.splice(koa.middleware.length - 1, 0, router.routes() as Koa.Middleware);
  return koa;
}
