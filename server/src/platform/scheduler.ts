import { schedule, type ScheduledTask } from "node-cron";
import type { Logger } from "./logger";

/**
 * Periodic jobs of this instance (node-cron). Every instance runs the same schedule; the jobs
 * themselves coordinate through the database (job leases), so running them everywhere is safe.
 * A run still going when the next tick comes is not started twice in this process.
 */
export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly logger: Logger,
    private readonly timezone: string,
  ) {}

  every(name: string, cronExpression: string, job: () => Promise<unknown>): void {
    let busy = false;
    const task = schedule(
      cronExpression,
      async () => {
        if (busy) return;
        busy = true;
        const run = job().catch((err: Error) => this.logger.error({ job: name, err: { message: err.message, stack: err.stack } }, "scheduled job failed"));
        this.running.add(run);
        await run;
        this.running.delete(run);
        busy = false;
      },
      { name, timezone: this.timezone },
    );
    this.tasks.push(task);
  }

  /** Stops the timers and waits for runs in progress. */
  async stop(): Promise<void> {
    for (const task of this.tasks) await task.stop();
    await Promise.all(this.running);
  }
}
