import type { AppDeps } from "../deps";
import { insertIgnoringConflicts } from "../db/insertIgnoring";
import { GroupCommit } from "../platform/groupCommit";
import { addTimelines } from "../customers/timeline";
import { countReferrals } from "./counting";
import { flagBurst } from "./fraud";
import { Referral } from "./referral.entity";
import { factsOf } from "./recordingFacts";
import { screen, type Screened, type Submission } from "./screening";

/** Openings one batch carries at most. */
const MAX_BATCH = 200;
/** Full batches screened and written at once on MySQL while a backlog drains; SQLite writes one at a time. */
const MYSQL_BATCHES_IN_FLIGHT = 4;

/**
 * Screens and writes openings in group commits: the openings that arrive while a batch runs share
 * the next one (one read of their facts, one multi-row insert of referrals and of timeline
 * entries, one move of the counters). A referral whose invitee another instance recorded first
 * (the unique key) is not stored and is answered `already_referred`.
 */
export class RecordingWriter {
  private readonly commits: GroupCommit<Submission, Screened>;

  constructor(private readonly deps: Pick<AppDeps, "db" | "clock" | "config">) {
    this.commits = new GroupCommit((batch) => this.commit(batch), {
      maxBatch: MAX_BATCH,
      maxInFlight: deps.db.kind === "mysql" ? MYSQL_BATCHES_IN_FLIGHT : 1,
    });
  }

  /** Resolves once the opening's batch is committed, with its outcome (and the referral stored). */
  write(submission: Submission): Promise<Screened> {
    return this.commits.submit(submission);
  }

  private async commit(batch: Submission[]): Promise<Screened[]> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const screened = await screen(db, batch, await factsOf(db, batch, now), now);
    const kept = batch.flatMap((s, i) => {
      const r = screened[i];
      return r.outcome === "recorded" ? [{ ...r, department: s.department }] : [];
    });
    if (kept.length === 0) return screened;
    const stored = await db.transaction(
      async (em) => {
        const ids = await insertIgnoringConflicts(em, db.kind, Referral, kept.map((r) => r.referral));
        const written = kept.filter((r) => ids.has(r.referral.id));
        await addTimelines(
          em,
          written.map(({ referral: r }) => ({
            customerId: r.inviteeId,
            kind: "referred",
            at: r.recordedAt,
            data: { campaignId: r.campaignId, referrerKind: r.referrerKind, referrerId: r.referrerId, depth: r.depth },
            attribution: { campaignId: r.campaignId, referralCode: r.code, ...(r.referrerKind === "staff" ? { staffUserId: r.referrerId } : {}) },
          })),
        );
        for (const r of written.filter((k) => k.flags.length > 0)) await flagBurst(em, r.referral, r.flags);
        await countReferrals(
          em,
          this.deps,
          written.map(({ referral, department }) => ({ referral, department, metric: "new", delta: 1, at: referral.recordedAt })),
        );
        return ids;
      },
      { readCommitted: true },
    );
    return screened.map((r) => (r.outcome === "recorded" && !stored.has(r.referral.id) ? { outcome: "already_referred" } : r));
  }
}
