import { In } from "typeorm";
import type { Database } from "../../db/database";
import { JobLease, type Lease } from "../../platform/jobLease";
import type { Logger } from "../../platform/logger";
import { retryDelayMs } from "../../platform/retry";
import type { InboxHandlers } from "./handlers";
import { toInboxEvent } from "./inbox";
import { InboxEventRow } from "./inboxEvent.entity";

export interface InboxWorkerOptions {
  /** This instance's name; leases carry it. */
  owner: string;
  leaseMs?: number;
  batch?: number;
  /** After this many failed attempts an event is dead: kept with its error for a manager to replay. */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs`, with jitter. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

const DUE = "state = 'pending' AND next_attempt_at <= :now";

/**
 * Runs the registered handlers over stored events. Any number of instances tick at once: each row
 * is leased to one of them, and a row whose holder died comes back when its lease runs out.
 */
export class InboxWorker {
  private readonly due: JobLease;
  private readonly one: JobLease;
  private readonly options: Required<InboxWorkerOptions>;

  constructor(
    private readonly db: Database,
    private readonly handlers: InboxHandlers,
    private readonly logger: Logger,
    options: InboxWorkerOptions,
  ) {
    this.options = { leaseMs: 60_000, batch: 50, maxAttempts: 8, baseBackoffMs: 2_000, maxBackoffMs: 600_000, ...options };
    this.due = new JobLease(db, { table: "wecom_inbox", where: DUE, orderBy: "next_attempt_at" });
    this.one = new JobLease(db, { table: "wecom_inbox", where: `id = :id AND ${DUE}` });
  }

  /** Handles the due events it can lease; answers how many it handled. */
  async tick(): Promise<number> {
    let handled = 0;
    for (;;) {
      const leases = await this.due.claim({ owner: this.options.owner, leaseMs: this.options.leaseMs, limit: this.options.batch });
      const rows = await this.db.manager.findBy(InboxEventRow, { id: In(leases.map((l) => l.id)) });
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const lease of leases) await this.handle(this.due, lease, byId.get(lease.id));
      handled += leases.length;
      if (leases.length < this.options.batch) return handled;
    }
  }

  /** Handles one event right after it was stored (the welcome path cannot wait for a tick). */
  async handleNow(id: string): Promise<void> {
    const [lease] = await this.one.claim({ owner: this.options.owner, leaseMs: this.options.leaseMs, limit: 1, params: { id } });
    if (lease) await this.handle(this.one, lease, await this.db.manager.findOneBy(InboxEventRow, { id }));
  }

  private async handle(leases: JobLease, lease: Lease, row: InboxEventRow | null | undefined): Promise<void> {
    if (!row) return; // leased a moment ago, so it exists; nothing to do if it was removed meanwhile
    // A batch runs one event after another: renew first, and leave an event whose lease ran out
    // (another instance has it now) rather than run it twice at once.
    if (!(await leases.renew(lease, this.options.leaseMs))) return;
    const event = toInboxEvent(row);
    const attempts = row.attempts + 1;
    try {
      for (const handler of this.handlers.for(event.event, event.changeType)) await handler(event);
      await leases.release(lease, { state: "done", attempts, last_error: null, handled_at: Date.now() });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const dead = attempts >= this.options.maxAttempts;
      await leases.release(lease, {
        state: dead ? "dead" : "pending",
        attempts,
        last_error: message.slice(0, 2000),
        next_attempt_at: Date.now() + retryDelayMs(attempts, this.options.baseBackoffMs, this.options.maxBackoffMs),
      });
      this.logger.warn({ eventId: row.id, event: row.event, changeType: row.changeType, attempts, dead, reason: message }, "inbox handler failed");
    }
  }

  /** Puts a dead event, or a failing one waiting for its retry, back in the queue, due now. */
  async replay(id: string): Promise<boolean> {
    const result = await this.db.transaction((em) =>
      em
        .createQueryBuilder()
        .update(InboxEventRow)
        .set({ state: "pending", attempts: 0, nextAttemptAt: new Date(), leaseOwner: null, leaseUntil: null })
        // Never while a worker holds it: that worker's release would undo the replay, or both would run it.
        .where("id = :id AND (state = 'dead' OR (state = 'pending' AND last_error IS NOT NULL)) AND (lease_until IS NULL OR lease_until < :now)", {
          id,
          now: Date.now(),
        })
        .execute(),
    );
    return result.affected === 1;
  }
}
