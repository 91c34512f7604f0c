import { In } from "typeorm";
import type { Attribution } from "@scrm/shared";
import type { Database } from "../db/database";
import { GroupCommit } from "../platform/groupCommit";
import { insertIgnoringConflicts } from "../db/insertIgnoring";
import type { Outbox } from "../platform/outbox/outbox";
import { addTimelines } from "../customers/timeline";
import { CouponClaim } from "./claim.entity";
import { takeUnits } from "./counters";
import type { CouponStock } from "./stock.entity";
import type { Followups } from "../followups/followups";
import type { WorkingCalendar } from "../platform/calendar";
import { plansFor } from "../followups/triggers";
import { claimOccurrences } from "../followups/couponTriggers";

export const WECHATPAY_SEND = "coupon.wechatpay_send";

/** `conflict`: the row broke a unique key (its Idempotency-Key or its seq is taken): the caller looks. */
export type ClaimWrite = { kind: "claimed"; jobId?: string } | { kind: "sold_out" } | { kind: "conflict" };

export interface PendingClaim {
  claim: CouponClaim;
  attribution: Attribution;
}

/** Claims that arrive while a stock's commit runs go together in its next one (bounded). */
const MAX_BATCH = 200;

/**
 * Writes claims in group commits, so a flash sale's thousands of claims share a few hundred
 * transactions. One transaction inserts a batch of one stock's claims under their unique keys
 * (a row that breaks one is left out and answered `conflict`), takes as many units as there are
 * rows with conditional decrements, marks the rows it found no unit for refused as sold out, and
 * writes the winners' timeline entries, follow-up tasks and outbox jobs. Every caller's answer waits for the commit.
 */
export class ClaimWriter {
  private readonly perStock = new Map<string, GroupCommit<PendingClaim, ClaimWrite>>();
  private readonly refusals = new GroupCommit<CouponClaim, boolean>((rows) => this.commitRefusals(rows), { maxBatch: MAX_BATCH });

  constructor(private readonly deps: { db: Database; outbox: Outbox; followups: Followups; calendar: WorkingCalendar }) {}

  claim(stock: CouponStock, pending: PendingClaim): Promise<ClaimWrite> {
    let commits = this.perStock.get(stock.id);
    if (!commits) this.perStock.set(stock.id, (commits = new GroupCommit((batch) => this.commitClaims(stock, batch), { maxBatch: MAX_BATCH })));
    return commits.submit(pending);
  }

  /** Stores a refused claim, so its Idempotency-Key answers the same; false when the key was used before. */
  refuse(row: CouponClaim): Promise<boolean> {
    return this.refusals.submit(row);
  }

  private async commitClaims(stock: CouponStock, batch: PendingClaim[]): Promise<ClaimWrite[]> {
    const { db, outbox } = this.deps;
    const followups = await plansFor(this.deps, ["coupon_claimed", "coupon_expiring"]);
    return db.transaction(
      async (em) => {
        const stored = await insertIgnoringConflicts(em, db.kind, CouponClaim, batch.map((p) => p.claim));
        const inserted = batch.filter((p) => stored.has(p.claim.id));
        const taken = await takeUnits(em, db.kind, stock.id, stock.shards, inserted.length);
        const winners = inserted.slice(0, taken);
        const soldOut = inserted.slice(taken).map((p) => p.claim.id);
        if (soldOut.length > 0) await em.update(CouponClaim, { id: In(soldOut) }, { state: "refused", seq: null, refusal: "sold_out" });
        await addTimelines(
          em,
          winners.map(({ claim, attribution }) => ({ customerId: claim.customerId, kind: "coupon_claimed", at: claim.claimedAt, data: { stockId: stock.id, claimId: claim.id }, attribution })),
        );
        await followups.schedule(em, winners.flatMap(({ claim, attribution }) => claimOccurrences(claim, attribution.staffUserId)), new Date());
        const jobIds = stock.kind === "wechatpay" ? await outbox.enqueueMany(em, WECHATPAY_SEND, winners.map((w) => ({ claimId: w.claim.id }))) : [];
        const won = new Map(winners.map((w, i) => [w.claim.id, jobIds[i]]));
        return batch.map(({ claim }): ClaimWrite => {
          if (!stored.has(claim.id)) return { kind: "conflict" };
          return won.has(claim.id) ? { kind: "claimed", jobId: won.get(claim.id) } : { kind: "sold_out" };
        });
      },
      { readCommitted: true },
    );
  }

  private async commitRefusals(rows: CouponClaim[]): Promise<boolean[]> {
    const stored = await this.deps.db.transaction((em) => insertIgnoringConflicts(em, this.deps.db.kind, CouponClaim, rows));
    return rows.map((r) => stored.has(r.id));
  }
}
