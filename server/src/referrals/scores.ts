import type { EntityManager } from "typeorm";
import type { DatabaseKind } from "../db/database";
import { marks, rowsOf } from "../db/sql";
import { groupBy } from "../platform/groupBy";
import { wallTime, isoDate } from "../platform/zonedTime";
import type { ReferrerKind, ScoreMetric } from "./referral.entity";

/** The histogram row that counts a board and period across every department. */
export const ALL_DEPARTMENTS = -1;

/** Rows each histogram bucket is spread over: a score change writes one, picked at random; reads sum them. */
export const HISTOGRAM_SHARDS = 16;

export type PeriodKind = "all" | "day" | "week" | "month";

/** The period keys a moment falls in (business time zone): all time, its day, ISO week and month. */
export function periodsOf(at: Date, timezone: string): Record<PeriodKind, string> {
  const w = wallTime(at, timezone);
  const date = isoDate(w);
  return { all: "all", day: `d:${date}`, week: `w:${isoWeek(w.year, w.month, w.day)}`, month: `m:${date.slice(0, 7)}` };
}

/** Every period key a moment counts in. */
export const periodKeysOf = (at: Date, timezone: string): string[] => Object.values(periodsOf(at, timezone));

function isoWeek(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of this week names its year
  const week = Math.ceil(((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export interface ScoreChange {
  campaignId: string;
  board: ReferrerKind;
  metric: ScoreMetric;
  memberId: string;
  /** A staff member's main department, kept on their score rows when they begin (0: none, and customers). */
  departmentId: number;
  delta: number;
  /** The period keys to move (periodKeysOf the moment being counted or un-counted). */
  periods: string[];
}

const upsertScores = (kind: DatabaseKind, count: number) =>
  `INSERT INTO referral_score (campaign_id, board, metric, period, member_id, department_id, score) VALUES ${rowsOf(count, 7)} ` +
  (kind === "mysql" ? "ON DUPLICATE KEY UPDATE score = score + VALUES(score)" : "ON CONFLICT (campaign_id, board, metric, period, member_id) DO UPDATE SET score = score + excluded.score");

const upsertBuckets = (kind: DatabaseKind, count: number) =>
  `INSERT INTO referral_score_histogram (campaign_id, board, metric, period, department_id, score, shard, members) VALUES ${rowsOf(count, 8)} ` +
  (kind === "mysql"
    ? "ON DUPLICATE KEY UPDATE members = members + VALUES(members)"
    : "ON CONFLICT (campaign_id, board, metric, period, department_id, score, shard) DO UPDATE SET members = members + excluded.members");

interface BucketMove {
  campaignId: string;
  board: ReferrerKind;
  metric: ScoreMetric;
  period: string;
  department: number;
  score: number;
  members: number;
}

const bucketKey = (m: BucketMove) => [m.campaignId, m.board, m.metric, m.period, m.department, m.score].join("\u0000");
const byBucket = (a: BucketMove, b: BucketMove) => (bucketKey(a) < bucketKey(b) ? -1 : bucketKey(a) > bucketKey(b) ? 1 : 0);

/** A member's counter of one metric in one campaign and period: what one score row holds. */
const scoreKey = (c: Pick<ScoreChange, "campaignId" | "board" | "metric" | "memberId">, period: string) => [c.campaignId, c.board, c.metric, c.memberId, period].join("\u0000");

/**
 * Moves members' scores, in the caller's transaction (the one that records, qualifies, revokes or
 * voids the referrals), with the histograms that answer "my rank": one upsert of the score rows,
 * one read of their new values, one upsert of the histogram buckets, however many changes (a batch
 * of recordings moves many members at once; opposite moves of one bucket cancel out). The bucket
 * moves go to one random shard (a shard's count may go below zero; the sum over shards is the
 * count), written in one order, so two transactions never wait on each other in a circle.
 */
export async function changeScores(em: EntityManager, kind: DatabaseKind, changes: ScoreChange[]): Promise<void> {
  const deltas = new Map<string, { change: ScoreChange; period: string; delta: number }>();
  for (const change of changes) {
    for (const period of change.periods) {
      const key = scoreKey(change, period);
      const entry = deltas.get(key) ?? { change, period, delta: 0 };
      entry.delta += change.delta;
      deltas.set(key, entry);
    }
  }
  const moved = [...deltas.values()].filter((d) => d.delta !== 0).sort((a, b) => (scoreKey(a.change, a.period) < scoreKey(b.change, b.period) ? -1 : 1));
  if (moved.length === 0) return;
  await em.query(
    upsertScores(kind, moved.length),
    moved.flatMap(({ change: c, period, delta }) => [c.campaignId, c.board, c.metric, period, c.memberId, c.departmentId, delta]),
  );

  const buckets = new Map<string, BucketMove>();
  const addMove = (move: BucketMove) => {
    const key = bucketKey(move);
    const bucket = buckets.get(key);
    if (bucket) bucket.members += move.members;
    else buckets.set(key, { ...move });
  };
  for (const group of groupBy(moved, (d) => [d.change.campaignId, d.change.board, d.change.metric].join("\u0000"))) {
    const { campaignId, board, metric } = group[0].change;
    const members = [...new Set(group.map((d) => d.change.memberId))];
    const periods = [...new Set(group.map((d) => d.period))];
    const rows = (await em.query(
      `SELECT member_id, period, department_id, score FROM referral_score${kind === "mysql" ? " FORCE INDEX (PRIMARY)" : ""} WHERE campaign_id = ? AND board = ? AND metric = ? AND period IN (${marks(periods.length)}) AND member_id IN (${marks(members.length)})`,
      [campaignId, board, metric, ...periods, ...members],
    )) as { member_id: string; period: string; department_id: number | string; score: number | string }[];
    for (const row of rows) {
      const delta = deltas.get(scoreKey({ campaignId, board, metric, memberId: row.member_id }, row.period))?.delta;
      if (!delta) continue; // a period this member's change did not touch
      const now = Number(row.score);
      const department = Number(row.department_id);
      for (const d of department > 0 ? [ALL_DEPARTMENTS, department] : [ALL_DEPARTMENTS]) {
        const at = { campaignId, board, metric, period: row.period, department: d };
        if (now - delta > 0) addMove({ ...at, score: now - delta, members: -1 });
        if (now > 0) addMove({ ...at, score: now, members: 1 });
      }
    }
  }
  const moves = [...buckets.values()].filter((m) => m.members !== 0).sort(byBucket);
  if (moves.length === 0) return;
  const shard = Math.floor(Math.random() * HISTOGRAM_SHARDS);
  await em.query(
    upsertBuckets(kind, moves.length),
    moves.flatMap((m) => [m.campaignId, m.board, m.metric, m.period, m.department, m.score, shard, m.members]),
  );
}
