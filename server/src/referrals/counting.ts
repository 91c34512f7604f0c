import type { EntityManager } from "typeorm";
import type { AppDeps } from "../deps";
import type { Referral, ScoreMetric } from "./referral.entity";
import { changeScores, periodKeysOf } from "./scores";

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
export function countReferral(em: EntityManager, deps: CountDeps, referral: Referral, department: number, counts: Count[]): Promise<void> {
  return countReferrals(em, deps, counts.map((count) => ({ referral, department, ...count })));
}

/** Moves the counters of many referrals at once (a batch of recordings), in the caller's transaction. */
export async function countReferrals(em: EntityManager, { db, config }: CountDeps, moves: (Count & { referral: Referral; department: number })[]): Promise<void> {
  const periods = new Map<number, string[]>(); // a batch's moves mostly share their moment
  const periodsAt = (at: Date) => {
    let keys = periods.get(at.getTime());
    if (!keys) periods.set(at.getTime(), (keys = periodKeysOf(at, config.timezone)));
    return keys;
  };
  await changeScores(
    em,
    db.kind,
    moves.map(({ referral, department, metric, delta, at }) => ({
      campaignId: referral.campaignId,
      board: referral.referrerKind,
      metric,
      memberId: referral.referrerId,
      departmentId: department,
      delta,
      periods: periodsAt(at),
    })),
  );
}
