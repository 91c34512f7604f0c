import { In, type EntityManager } from "typeorm";
import type { Database } from "../../db/database";
import { JobLease, type Lease } from "../jobLease";
import type { Logger } from "../logger";
import { newId } from "../ids";
import { retryDelayMs } from "../retry";
import { OutboxJob } from "./outboxJob.entity";

/** Runs one job's work. Resolving marks it done; throwing retries it later, with backoff. */
export type OutboxHandler = (payload: unknown, job: { id: string; attempts: number }) => Promise<void>;

export interface OutboxOptions {
  /** This instance's name; leases carry it. */
  owner: string;
  leaseMs?: number;
  batch?: number;
  /** Default attempts before a job is dead (kept with its error, logged); a topic may set its own. */
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

const DUE = "state = 'pending' AND due_at <= :now";

/**
 * Durable after-commit work shared by every instance. A domain registers a handler per topic and
 * enqueues jobs inside the transaction that makes them necessary; `kick` runs a job straight after
 * that commit, and the periodic `tick` picks up whatever a crash or a failure left behind.
 */
export class Outbox {
  private readonly handlers = new Map<string, { handle: OutboxHandler; maxAttempts: number }>();
  private readonly due: JobLease;
  private readonly one: JobLease;
  private readonly options: Required<OutboxOptions>;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    options: OutboxOptions,
  ) {
    this.options = { leaseMs: 60_000, batch: 50, maxAttempts: 10, baseBackoffMs: 2_000, maxBackoffMs: 600_000, ...options };
    this.due = new JobLease(db, { table: "outbox_job", where: DUE, orderBy: "due_at" });
    this.one = new JobLease(db, { table: "outbox_job", where: `id = :id AND ${DUE}` });
  }

  register(topic: string, handle: OutboxHandler, options: { maxAttempts?: number } = {}): void {
    if (this.handlers.has(topic)) throw new Error(`outbox topic ${topic} registered twice`);
    this.handlers.set(topic, { handle, maxAttempts: options.maxAttempts ?? this.options.maxAttempts });
  }

  /** Adds a job in the caller's transaction; answers its id (to `kick` after the commit). */
  async enqueue(em: EntityManager, topic: string, payload: unknown, options: { dueAt?: Date } = {}): Promise<string> {
    return (await this.enqueueMany(em, topic, [payload], options))[0];
  }

  /** Adds one job per payload in one statement, in the caller's transaction; answers their ids in order. */
  async enqueueMany(em: EntityManager, topic: string, payloads: unknown[], options: { dueAt?: Date } = {}): Promise<string[]> {
    if (payloads.length === 0) return [];
    const now = new Date();
    const jobs = payloads.map((payload) => ({ id: newId(), topic, payload: JSON.stringify(payload), state: "pending" as const, attempts: 0, dueAt: options.dueAt ?? now, createdAt: now }));
    await em.insert(OutboxJob, jobs);
    return jobs.map((j) => j.id);
  }

  /** Runs a just-committed job now, in the background; a failure is retried by `tick`. */
  kick(id: string): void {
    const run = this.runNow(id)
      .catch((err: unknown) => this.logger.error({ err, jobId: id }, "outbox job could not start"))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Runs one job now if it is due and nobody holds it. */
  async runNow(id: string): Promise<void> {
    const [lease] = await this.one.claim({ owner: this.options.owner, leaseMs: this.options.leaseMs, limit: 1, params: { id } });
    if (lease) await this.run(this.one, lease, await this.db.manager.findOneBy(OutboxJob, { id }));
  }

  /** Runs the due jobs it can lease; answers how many it ran. */
  async tick(): Promise<number> {
    let ran = 0;
    for (;;) {
      const leases = await this.due.claim({ owner: this.options.owner, leaseMs: this.options.leaseMs, limit: this.options.batch });
      const jobs = new Map((await this.db.manager.findBy(OutboxJob, { id: In(leases.map((l) => l.id)) })).map((j) => [j.id, j]));
      for (const lease of leases) await this.run(this.due, lease, jobs.get(lease.id));
      ran += leases.length;
      if (leases.length < this.options.batch) return ran;
    }
  }

  /** Resolves when the jobs started by `kick` have finished (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async run(leases: JobLease, lease: Lease, job: OutboxJob | null | undefined): Promise<void> {
    if (!job) return;
    if (!(await leases.renew(lease, this.options.leaseMs))) return; // another instance has it now
    const attempts = job.attempts + 1;
    const handler = this.handlers.get(job.topic);
    try {
      if (!handler) throw new Error(`no handler for outbox topic ${job.topic}`);
      await handler.handle(JSON.parse(job.payload) as unknown, { id: job.id, attempts });
      await leases.release(lease, { state: "done", attempts, last_error: null, done_at: Date.now() });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const dead = attempts >= (handler?.maxAttempts ?? this.options.maxAttempts);
      const delay = retryDelayMs(attempts, this.options.baseBackoffMs, this.options.maxBackoffMs);
      await leases.release(lease, { state: dead ? "dead" : "pending", attempts, last_error: message.slice(0, 2000), due_at: Date.now() + delay });
      const log = { jobId: job.id, topic: job.topic, attempts, dead, reason: message };
      if (dead) this.logger.error(log, "outbox job dead: kept for a manager to look at");
      else this.logger.warn(log, "outbox job failed; will retry");
    }
  }
}
