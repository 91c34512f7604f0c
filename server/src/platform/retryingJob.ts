import type { Logger } from "./logger";

export interface RetryDelays {
  firstMs: number;
  maxMs: number;
}
const RETRY: RetryDelays = { firstMs: 30_000, maxMs: 30 * 60_000 };

/**
 * Work an instance does against a platform at start and on a schedule (sync the directory,
 * register a notification URL). One run at a time; a failure is logged and retried with a growing
 * delay until one succeeds, and never stops the server. `stop` cancels the retry, aborts the
 * running work's signal, and waits for it.
 */
export class RetryingJob {
  private running: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs: number;
  private readonly stopping = new AbortController();

  constructor(
    private readonly logger: Logger,
    /** What the log lines call it, e.g. "staff directory sync". */
    private readonly name: string,
    /** Answers what to log on success. */
    private readonly work: (signal: AbortSignal) => Promise<object>,
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
    try {
      const report = await this.work(this.stopping.signal);
      this.retryDelayMs = this.retry.firstMs;
      this.logger.info(report, `${this.name} done`);
    } catch (err) {
      if (this.stopping.signal.aborted) return;
      this.logger.warn({ retryInMs: this.retryDelayMs, err: { message: (err as Error).message } }, `${this.name} failed; will retry`);
      this.retryTimer = setTimeout(() => void this.run(), this.retryDelayMs).unref();
      this.retryDelayMs = Math.min(this.retryDelayMs * 2, this.retry.maxMs);
    }
  }
}
