import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "@scrm/config";
import { openDatabase, type Database } from "./db/database";
import { createLogger, type Logger } from "./platform/logger";
import { buildApp, createDeps } from "./app";
import type { AppDeps } from "./deps";
import { Scheduler } from "./platform/scheduler";
import { directorySyncJob } from "./wecom/directory/syncJob";
import { payCallbackRegistration } from "./pay/callbackRegistration";
import { qualifyDue } from "./referrals/qualification";
import { FollowupQueue } from "./followups/queue";
import { scheduleInactive } from "./followups/inactivity";
import type { RetryingJob } from "./platform/retryingJob";

export interface RunningServer {
  deps: AppDeps;
  http: Server;
  url: string;
  /** Stops accepting, lets in-flight requests finish, stops timers, closes the database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** An already open database (tests); otherwise one is opened from config. */
  db?: Database;
  /** Run the periodic jobs (default true; tests that drive the jobs themselves turn it off). */
  schedule?: boolean;
}

/**
 * The periodic jobs every instance runs. The inbox and the outbox share their work through job
 * leases; the directory sync, the routing refresh and the stock-alert check are idempotent
 * (conditional writes), so overlapping runs on several instances change nothing twice.
 */
function scheduleJobs(scheduler: Scheduler, deps: AppDeps, directorySync: RetryingJob): void {
  const { cron } = deps.config;
  scheduler.every("directory-sync", cron.directorySync, () => directorySync.run());
  scheduler.every("wecom-inbox", cron.inbox, () => deps.inboxWorker.tick());
  scheduler.every("channel-routing", cron.channelRouting, () => deps.channels.refreshAll());
  scheduler.every("outbox", cron.outbox, () => deps.outbox.tick());
  scheduler.every("stock-alerts", cron.stockAlerts, () => deps.coupons.alerts.checkAll());
  scheduler.every("referral-qualification", cron.referrals, () => qualifyDue(deps));
  const followups = new FollowupQueue(deps);
  scheduler.every("followups", cron.followups, () => followups.tick());
  scheduler.every("followup-inactivity", cron.inactivity, () => scheduleInactive(deps));
}

/** Opens the database, applies migrations and starts HTTP. Used by main.ts and by tests. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel, { instance: config.instanceId });
  const db = options.db ?? (await openDatabase(config.database, { poolSize: config.databasePoolSize }));
  const applied = await db.migrate();
  if (applied.length > 0) logger.info({ migrations: applied }, "migrations applied");
  const deps = createDeps(config, db, logger);
  await deps.followups.plans.ensureDefaults();
  const app = buildApp(deps);
  const http = app.listen(config.port, config.host);
  http.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => http.once("listening", resolve).once("error", reject));
  const scheduler = new Scheduler(logger, config.timezone);
  const directorySync = directorySyncJob(deps);
  const payCallbacks = payCallbackRegistration(deps);
  if (options.schedule !== false) {
    scheduleJobs(scheduler, deps, directorySync);
    // In the background: a platform out of reach at start is logged and retried, never fatal.
    void directorySync.run();
    void payCallbacks?.run();
  }
  const { port } = http.address() as AddressInfo;
  const url = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // The simulated WeChat Pay may hold an answer (timeout fault): let it go before waiting on requests.
      deps.wechatpaySimulator?.close();
      await new Promise<void>((resolve) => {
        // Keep-alive connections go idle as their last request ends (our own calls to the mounted
        // simulators among them): close them as they do, or `close` waits for the keep-alive timeout.
        const idle = setInterval(() => http.closeIdleConnections(), 50);
        http.close(() => {
          clearInterval(idle);
          resolve();
        });
        http.closeIdleConnections();
      });
      await directorySync.stop();
      await payCallbacks?.stop();
      await scheduler.stop();
      deps.coupons.alerts.stop();
      await deps.materials.idle();
      await deps.outbox.idle();
      if (!options.db) await db.close();
    })());
  return { deps, http, url, stop };
}
