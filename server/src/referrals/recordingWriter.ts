import type { ReferralFlag } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { insertIgnoringConflicts } from "../db/insertIgnoring";
import { GroupCommit } from "../platform/groupCommit";
import { addTimelines } from "../customers/timeline";
import { countReferrals } from "./counting";
import { flagBurst } from "./fraud";
import { Referral } from "./referral.entity";

/** Recordings one transaction carries at most. */
const MAX_BATCH = 200;

export interface Recording {
  referral: Referral;
  flags: ReferralFlag[];
  /** The referrer's department for their staff-board counters (Referrals.departmentOf). */
  department: number;
}

/**
 * Writes recordings in group commits: the recordings that arrive while a commit runs share the
 * next one (one multi-row insert of referrals and of timeline entries, one move of the counters).
 * A referral whose invitee another recording of the campaign took first (in this batch, or
 * committed by another instance: the unique key) is not stored; its answer is false.
 */
export class RecordingWriter {
  private readonly commits = new GroupCommit<Recording, boolean>((batch) => this.commit(batch), MAX_BATCH);

  constructor(private readonly deps: Pick<AppDeps, "db" | "config">) {}

  /** Resolves once the recording is committed: true when stored, false when the invitee was taken. */
  write(recording: Recording): Promise<boolean> {
    return this.commits.submit(recording);
  }

  private async commit(batch: Recording[]): Promise<boolean[]> {
    const { db } = this.deps;
    const first = new Map<string, Recording>();
    for (const r of batch) {
      const key = `${r.referral.campaignId} ${r.referral.inviteeId}`;
      if (!first.has(key)) first.set(key, r);
    }
    const candidates = [...first.values()];
    const stored = await db.transaction(
      async (em) => {
        const ids = await insertIgnoringConflicts(em, db.kind, Referral, candidates.map((r) => r.referral));
        const kept = candidates.filter((r) => ids.has(r.referral.id));
        await addTimelines(
          em,
          kept.map(({ referral: r }) => ({
            customerId: r.inviteeId,
            kind: "referred",
            at: r.recordedAt,
            data: { campaignId: r.campaignId, referrerKind: r.referrerKind, referrerId: r.referrerId, depth: r.depth },
            attribution: { campaignId: r.campaignId, referralCode: r.code, ...(r.referrerKind === "staff" ? { staffUserId: r.referrerId } : {}) },
          })),
        );
        for (const r of kept.filter((k) => k.flags.length > 0)) await flagBurst(em, r.referral, r.flags);
        await countReferrals(
          em,
          this.deps,
          kept.map(({ referral, department }) => ({ referral, department, metric: "new", delta: 1, at: referral.recordedAt })),
        );
        return ids;
      },
      { readCommitted: true },
    );
    return batch.map((r) => stored.has(r.referral.id));
  }
}
