import { In, type EntityManager } from "typeorm";
import { CUSTOMER_FACING, type TaskState } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { addTimelines, type TimelineFact } from "../customers/timeline";
import { marks } from "../db/sql";
import { inParallel } from "../platform/inParallel";
import { JobLease, type Lease } from "../platform/jobLease";
import { retryDelayMs } from "../platform/retry";
import { DeliveryContext } from "./context";
import { deliver, prepare, type Outcome, type Prepared } from "./deliver";
import { recordContacts } from "./contacts";
import { CONFIRM_CHECK_MS, CONFIRM_WITHIN_MS, findCustomerMessage, sendStatus } from "./reconcile";
import { DeliveryRules } from "./rules";
import { FollowupTask } from "./task.entity";

/** Due tasks, tasks a crash left `sending`, and customer messages waiting for reconciliation or confirmation. */
const CLAIMABLE = "(state IN ('pending', 'sending') OR (channel = 'customer_message' AND state IN ('unknown', 'sent'))) AND due_at <= :due";
const BATCH = 200;
/** Real time an instance holds a batch: longer than a batch's platform calls can take (timeouts included). */
const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 8;
const RETRY_BASE_MS = 60_000;
const RETRY_MAX_MS = 3_600_000;

/** A column change of one task; `release` gives its lease back. */
interface Write {
  task: FollowupTask;
  set: Record<string, unknown>;
  release: boolean;
  timeline?: TimelineFact;
  contact?: boolean;
}

/** Work for the platform, after the batch's `sending` marks are committed. */
interface Job {
  task: FollowupTask;
  run: () => Promise<Write>;
}

/**
 * The durable follow-up queue. Every instance ticks it (node-cron); a tick leases due tasks in
 * batches, checks each against the rules when it is due, marks the ones it sends `sending` in one
 * commit, calls the platforms, and writes the outcomes in another. A task left `sending` by a crash
 * comes back when its lease runs out: a staff message is sent again under WeCom's duplicate check
 * (so it arrives once), a customer message becomes `unknown` and is looked up at WeCom (sent again
 * only if WeCom never made it), a subscribe message stays `unknown` (WeChat cannot be asked).
 */
export class FollowupQueue {
  private readonly leases: JobLease;
  readonly rules: DeliveryRules;

  constructor(private readonly deps: AppDeps) {
    this.leases = new JobLease(deps.db, { table: "followup_task", where: CLAIMABLE, orderBy: "due_at" });
    const { timezone, followups } = deps.config;
    this.rules = new DeliveryRules({ timezone, quietStart: followups.quietStart, quietEnd: followups.quietEnd, dailyCap: followups.dailyCap });
  }

  /** Handles every task due now, batch after batch; answers how many it handled. */
  async tick(): Promise<number> {
    let handled = 0;
    for (;;) {
      const leases = await this.leases.claim({ owner: this.deps.instanceId, leaseMs: LEASE_MS, limit: BATCH, params: { due: this.deps.clock.now().getTime() } });
      if (leases.length > 0) await this.handle(leases);
      handled += leases.length;
      if (leases.length < BATCH) return handled;
    }
  }

  private async handle(leases: Lease[]): Promise<void> {
    const { db, clock } = this.deps;
    const token = leases[0].token;
    const tasks = await db.manager.findBy(FollowupTask, { id: In(leases.map((l) => l.id)) });
    const ctx = await DeliveryContext.load(db, tasks);
    const now = clock.now();
    const sentToday = await this.customerFacingSince(tasks, this.rules.dayStart(now));
    const writes: Write[] = [];
    const jobs: Job[] = [];
    const sending: Prepared[] = [];
    for (const task of tasks.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())) {
      if (task.state === "sent") jobs.push({ task, run: () => this.confirm(task, ctx, now) });
      else if (task.state === "unknown" || (task.state === "sending" && task.channel === "customer_message")) jobs.push({ task, run: () => this.reconcile(task, ctx, now) });
      else if (task.state === "sending" && task.channel === "subscribe_message") writes.push(this.unknownSubscribe(task));
      else {
        const verdict = task.state === "sending" ? undefined : this.rules.verdict(task, ctx, now, sentToday.get(task.customerId) ?? 0);
        if (verdict?.kind === "stop") writes.push(this.final(task, "stopped", verdict.reason, now));
        else if (verdict?.kind === "wait") writes.push({ task, set: { due_at: verdict.until.getTime(), reason: verdict.reason }, release: true });
        else {
          // Deliverable now, or a staff message a crash interrupted: sent (again) under WeCom's duplicate check.
          const step = verdict?.step ?? ctx.plans.get(task.planId)?.steps[task.step];
          if (!step) {
            writes.push(this.final(task, "stopped", "plan_replaced", now));
            continue;
          }
          const prepared = await prepare(this.deps, task, step, ctx);
          if ("failed" in prepared) writes.push(this.final(task, "failed", prepared.failed, now));
          else {
            if (CUSTOMER_FACING.includes(step.channel)) sentToday.set(task.customerId, (sentToday.get(task.customerId) ?? 0) + 1);
            const recovered = task.state === "sending";
            sending.push(prepared);
            jobs.push({ task, run: async () => this.outcome(task, await deliver(this.deps, prepared), now, recovered) });
          }
        }
      }
    }
    await db.transaction(async (em) => {
      for (const p of sending) await this.update(em, token, p.task, { state: "sending", text: p.text, sending_at: Date.now(), attempts: p.task.attempts + 1 }, false);
      await this.apply(em, token, writes);
    });
    for (const p of sending) p.task.attempts += 1;
    const outcomes = await inParallel(jobs, this.deps.config.followups.concurrency, (job) =>
      job.run().catch((err: Error): Write => this.outcome(job.task, { kind: "retry", reason: err.message }, now, false)),
    );
    await db.transaction((em) => this.apply(em, token, outcomes));
  }

  /** What an outcome writes: final states, the next try, or the next confirmation check. */
  private outcome(task: FollowupTask, outcome: Outcome, now: Date, recovered: boolean): Write {
    const note = recovered ? "reconciled: sent again under WeCom's duplicate check" : null;
    switch (outcome.kind) {
      case "done":
        return this.final(task, "done", note, now, { result: outcome.result ?? null, sent_at: now.getTime() });
      case "sent":
        return { ...this.final(task, "sent", note, now, { result: outcome.result, sent_at: now.getTime(), due_at: now.getTime() + CONFIRM_CHECK_MS }), release: true };
      case "failed":
        return this.final(task, "failed", outcome.reason, now);
      case "unknown":
        // A customer message is looked up at WeCom on a later tick; a subscribe message cannot be.
        return task.channel === "customer_message"
          ? { task, set: { state: "unknown", reason: outcome.reason.slice(0, 255), due_at: now.getTime() }, release: true }
          : this.final(task, "unknown", outcome.reason, now);
      case "retry": {
        if (task.attempts >= MAX_ATTEMPTS) return this.final(task, "failed", `gave up after ${task.attempts} attempts: ${outcome.reason}`, now);
        const wait = retryDelayMs(task.attempts, RETRY_BASE_MS, RETRY_MAX_MS);
        return { task, set: { state: "pending", last_error: outcome.reason.slice(0, 2000), due_at: now.getTime() + wait }, release: true };
      }
    }
  }

  /**
   * A customer message whose creation was not answered (a crash, a timeout): found at WeCom, it is
   * `sent`; absent, WeCom never made it, so it goes back to `pending` and is sent once more.
   */
  private async reconcile(task: FollowupTask, ctx: DeliveryContext, now: Date): Promise<Write> {
    const follow = ctx.openFollow(task.customerId, task.staffUserId);
    if (!follow || task.text === null) return this.final(task, "failed", "unknown, and the customer is no longer a contact to look it up with", now);
    const found = await findCustomerMessage(this.deps, task, follow.staffUserId, follow.externalUserId);
    if (found.kind === "found") {
      return { ...this.final(task, "sent", "reconciled: found at WeCom", now, { result: found.msgid, sent_at: now.getTime(), due_at: now.getTime() + CONFIRM_CHECK_MS }), release: true };
    }
    return { task, set: { state: "pending", reason: "reconciled: not at WeCom, sending again", due_at: now.getTime() }, release: true };
  }

  /** A sent customer message: confirmed by the staff member (first contact), refused by WeCom, or still waiting. */
  private async confirm(task: FollowupTask, ctx: DeliveryContext, now: Date): Promise<Write> {
    const follow = ctx.openFollow(task.customerId, task.staffUserId);
    const status = follow && task.result ? await sendStatus(this.deps, task.result, follow.staffUserId, follow.externalUserId) : undefined;
    if (status === 1) return { ...this.final(task, "confirmed", null, now), contact: true };
    if (status === 2) return this.final(task, "failed", "not a contact of the staff member any more", now);
    if (status === 3) return this.final(task, "failed", "the customer's monthly message cap was reached", now);
    if (task.sentAt && now.getTime() - task.sentAt.getTime() > CONFIRM_WITHIN_MS) return this.final(task, "failed", "the staff member did not send it in WeCom", now);
    return { task, set: { due_at: now.getTime() + CONFIRM_CHECK_MS }, release: true };
  }

  /** A subscribe message a crash interrupted: WeChat keeps no record to ask, so it is never sent again. */
  private unknownSubscribe(task: FollowupTask): Write {
    return this.final(task, "unknown", "interrupted during the call: it may have been delivered, and is not sent again", this.deps.clock.now());
  }

  private final(task: FollowupTask, state: TaskState, reason: string | null, now: Date, extra: Record<string, unknown> = {}): Write {
    const set = { state, reason: reason?.slice(0, 255) ?? null, ...extra };
    const timeline: TimelineFact = {
      customerId: task.customerId,
      kind: "followup",
      at: now,
      data: { taskId: task.id, planId: task.planId, step: task.step, channel: task.channel, state, reason, text: task.text },
    };
    return { task, set, release: true, timeline };
  }

  /** Customer-facing messages each customer of the batch got since `since`. */
  private async customerFacingSince(tasks: FollowupTask[], since: Date): Promise<Map<string, number>> {
    const customers = [...new Set(tasks.filter((t) => CUSTOMER_FACING.includes(t.channel)).map((t) => t.customerId))];
    if (customers.length === 0) return new Map();
    const rows: { customer_id: string; n: string | number }[] = await this.deps.db.manager.query(
      `SELECT customer_id, COUNT(*) AS n FROM followup_task WHERE customer_id IN (${marks(customers.length)}) AND channel IN (${marks(CUSTOMER_FACING.length)}) AND sent_at >= ? GROUP BY customer_id`,
      [...customers, ...CUSTOMER_FACING, since.getTime()],
    );
    return new Map(rows.map((r) => [r.customer_id, Number(r.n)]));
  }

  private async apply(em: EntityManager, token: string, writes: Write[]): Promise<void> {
    for (const w of writes) await this.update(em, token, w.task, w.set, w.release);
    await addTimelines(em, writes.flatMap((w) => (w.timeline ? [w.timeline] : [])));
    const at = this.deps.clock.now();
    const contacts = writes.flatMap((w) => (w.contact && w.task.staffUserId ? [{ customerId: w.task.customerId, staffUserId: w.task.staffUserId, at, via: "message" as const }] : []));
    await recordContacts(em, this.deps.db.kind, contacts);
  }

  /** Changes a task this batch still holds (a lease lost to another instance changes nothing). */
  private async update(em: EntityManager, token: string, task: FollowupTask, set: Record<string, unknown>, release: boolean): Promise<void> {
    const changes = release ? { ...set, lease_owner: null, lease_until: null } : set;
    const columns = Object.keys(changes);
    await em.query(`UPDATE followup_task SET ${columns.map((c) => `${c} = ?`).join(", ")} WHERE id = ? AND lease_owner = ?`, [...columns.map((c) => changes[c as keyof typeof changes]), task.id, token]);
  }
}
