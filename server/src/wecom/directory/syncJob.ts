import type { AppDeps } from "../../deps";
import { syncDirectory } from "./sync";

export interface RetryDelays {
  firstMs: number;
  maxMs: number;
}
const RETRY: RetryDelays = { firstMs: 30_000, maxMs: 30 * 60_000 };

/**
 * Runs the directory sync for this instance: at start and on the daily schedule. One sync at a
 * time; a failure is logged and retried with a growing delay until one succeeds, and never stops
 * the server. `stop` cancels the retry, asks a running sync to stop between members, and waits.
 */
export class DirectorySyncJob {
  private running: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs: number;
  private readonly stopping = new AbortController();

  constructor(
    private readonly deps: AppDeps,
    private readonly retry: RetryDelays = RETRY,
  ) {
    this.retryDelayMs = retry.firstMs;
  }

  run(): Promise<void> {
    if (this.stopping.signal.aborted) return Promise.resolve();
    clearTimeout(this.retryTimer);
    return (this.running ??= this.attempt().finally(() => (this.running = undefined)));
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    clearTimeout(this.retryTimer);
    await this.running;
  }

  private async attempt(): Promise<void> {
    const { logger } = this.deps;
    try {
      const report = await syncDirectory(this.deps, this.stopping.signal);
      this.retryDelayMs = this.retry.firstMs;
      logger.info(report, "staff directory synced");
    } catch (err) {
      if (this.stopping.signal.aborted) return;
      logger.warn({ retryInMs: this.retryDelayMs, err: { message: (err as Error).message } }, "staff directory sync failed; will retry");
      this.retryTimer = setTimeout(() => void this.run(), this.retryDelayMs).unref();
      this.retryDelayMs = Math.min(this.retryDelayMs * 2, this.retry.maxMs);
    }
  }
}
