import type { EntityManager } from "typeorm";
import type { DatabaseKind } from "../db/database";
import { wallTime, isoDate } from "../platform/zonedTime";
import type { ReferrerKind, ScoreMetric } from "./referral.entity";

/** The histogram row that counts a board and period across every department. */
export const ALL_DEPARTMENTS = -1;

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

const rowsOf = (count: number, width: number) => Array.from({ length: count }, () => `(${Array(width).fill("?").join(", ")})`).join(", ");

const upsertScores = (kind: DatabaseKind, count: number) =>
  `INSERT INTO referral_score (campaign_id, board, metric, period, member_id, department_id, score) VALUES ${rowsOf(count, 7)} ` +
  (kind === "mysql" ? "ON DUPLICATE KEY UPDATE score = score + VALUES(score)" : "ON CONFLICT (campaign_id, board, metric, period, member_id) DO UPDATE SET score = score + excluded.score");

const upsertBuckets = (kind: DatabaseKind, count: number) =>
  `INSERT INTO referral_score_histogram (campaign_id, board, metric, period, department_id, score, members) VALUES ${rowsOf(count, 7)} ` +
  (kind === "mysql"
    ? "ON DUPLICATE KEY UPDATE members = members + VALUES(members)"
    : "ON CONFLICT (campaign_id, board, metric, period, department_id, score) DO UPDATE SET members = members + excluded.members");

interface BucketMove {
  period: string;
  department: number;
  score: number;
  members: number;
}

const byBucket = (a: BucketMove, b: BucketMove) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.department - b.department || a.score - b.score);

/**
 * Moves a member's score in the given periods, in the caller's transaction (the one that records,
 * qualifies, revokes or voids the referral), with the histograms that answer "my rank": three
 * statements whatever the number of periods. Buckets are written in one order (period, department,
 * score), so two transactions never wait on each other in a circle.
 */
export async function changeScore(em: EntityManager, kind: DatabaseKind, change: ScoreChange): Promise<void> {
  const { campaignId, board, metric, memberId, departmentId, delta, periods } = change;
  if (periods.length === 0 || delta === 0) return;
  await em.query(
    upsertScores(kind, periods.length),
    periods.flatMap((period) => [campaignId, board, metric, period, memberId, departmentId, delta]),
  );
  const rows = (await em.query(
    `SELECT period, department_id, score FROM referral_score WHERE campaign_id = ? AND board = ? AND metric = ? AND member_id = ? AND period IN (${periods.map(() => "?").join(", ")})`,
    [campaignId, board, metric, memberId, ...periods],
  )) as { period: string; department_id: number | string; score: number | string }[];
  const moves: BucketMove[] = [];
  for (const row of rows) {
    const now = Number(row.score);
    const department = Number(row.department_id);
    const departments = department > 0 ? [ALL_DEPARTMENTS, department] : [ALL_DEPARTMENTS];
    for (const d of departments) {
      if (now - delta > 0) moves.push({ period: row.period, department: d, score: now - delta, members: -1 });
      if (now > 0) moves.push({ period: row.period, department: d, score: now, members: 1 });
    }
  }
  if (moves.length === 0) return;
  moves.sort(byBucket);
  await em.query(
    upsertBuckets(kind, moves.length),
    moves.flatMap((m) => [campaignId, board, metric, m.period, m.department, m.score, m.members]),
  );
}
