import type { EntityManager } from "typeorm";
import type { AppDeps } from "../deps";
import type { Referral, ScoreMetric } from "./referral.entity";
import { changeScore, periodKeysOf } from "./scores";

type CountDeps = Pick<AppDeps, "db" | "config">;

/** One move of a referrer's leaderboard counters: a metric, up or down, in the periods of a moment. */
export interface Count {
  metric: ScoreMetric;
  delta: 1 | -1;
  /** The moment counted: un-counting passes the same moment the count used, so each period drops it. */
  at: Date;
}

/**
 * Moves the referrer's counters for a referral in the caller's transaction (the one changing its
 * state). `department` is the referrer's (Referrals.departmentOf), read before the transaction.
 */
export async function countReferral(em: EntityManager, { db, config }: CountDeps, referral: Referral, department: number, counts: Count[]): Promise<void> {
  for (const { metric, delta, at } of counts) {
    await changeScore(em, db.kind, {
      campaignId: referral.campaignId,
      board: referral.referrerKind,
      metric,
      memberId: referral.referrerId,
      departmentId: department,
      delta,
      periods: periodKeysOf(at, config.timezone),
    });
  }
}
