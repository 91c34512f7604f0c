import { loadConfig, ConfigError } from "./config";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "@scrm/config";
import { startServer } from "./server";
import { H5_DIST } from "./app";
import { flushLogs } from "./platform/logger";

async function main(): Promise<void> {
  let config;
  try {
    config = await loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const problem of err.problems) process.stderr.write(`config: ${problem}\n`);
    process.exit(1);
  }
  const server = await startServer(config);
  const { logger } = server.deps;
  logger.info({ url: server.url, sandbox: config.sandbox, db: config.database.kind }, "server started");
  if (config.sandbox) printSandboxBanner(config.publicBaseUrl, config.database);

  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    server.stop().then(
      async () => {
        await flushLogs(logger);
        clearTimeout(force);
        process.exit(0);
      },
      (err) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

/** The URLs a new user opens, on stderr so stdout stays JSON logs. */
function printSandboxBanner(base: string, database: Config["database"]): void {
  const where = database.kind === "sqlite" ? `SQLite ${database.path}` : "MySQL";
  const h5 = existsSync(join(H5_DIST, "index.html")) ? `${base}/` : "(not built: npm run build:h5 -w miniprogram)";
  process.stderr.write(
    [
      "",
      `SCRM is running in sandbox mode on ${where}. Open:`,
      `  Mini-program (H5)   ${h5}`,
      `  Sandbox console     ${base}/sandbox/console   (scan a channel as a new customer, delete a staff member, pay with a WeChat Pay coupon)`,
      `  Readiness           ${base}/readyz`,
      `  Service status API  ${base}/api/status`,
      "Stop with Ctrl+C.",
      "",
    ].join("\n"),
  );
}

main().catch((err) => {
  process.stderr.write(`fatal: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
