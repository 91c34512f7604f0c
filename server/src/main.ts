import { loadConfig, ConfigError } from "./config";
import { startServer } from "./server";

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

  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    server.stop().then(
      () => {
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

main().catch((err) => {
  process.stderr.write(`fatal: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
