import type { Leaderboard, MyRank } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { fromWallTime } from "../platform/zonedTime";
import { customerNames } from "../customers/oneId";
import type { ReferrerKind } from "./referral.entity";

/** The metrics a leaderboard ranks by (`revoked` is the referrer's quality, not a board). */
type LeaderboardMetric = "qualified" | "new";
import { ALL_DEPARTMENTS, periodsOf, type PeriodKind } from "./scores";

type BoardDeps = Pick<AppDeps, "db" | "clock" | "config" | "referrals">;

export interface BoardQuery {
  campaignId: string;
  board: ReferrerKind;
  period: PeriodKind;
  metric: LeaderboardMetric;
  /** YYYY-MM-DD in the business time zone; default today. */
  date?: string;
  department?: number;
}

/** The period key a query names. */
export function periodKey({ clock, config }: BoardDeps, period: PeriodKind, date?: string): string {
  const at = date ? fromWallTime({ year: +date.slice(0, 4), month: +date.slice(5, 7), day: +date.slice(8, 10), hour: 12, minute: 0, second: 0 }, config.timezone) : clock.now();
  return periodsOf(at, config.timezone)[period];
}

/**
 * The top of a board: by score, from the score index (never a scan of referrals). Equal scores
 * share a rank (1, 2, 2, 4: the rank is one more than the members strictly above, as "my rank"
 * answers it from the histogram) and are listed in member id order.
 */
export async function topOf(deps: BoardDeps, q: BoardQuery, limit: number): Promise<Leaderboard> {
  const period = periodKey(deps, q.period, q.date);
  const byDepartment = q.department !== undefined ? " AND department_id = ?" : "";
  const rows = (await deps.db.manager.query(
    `SELECT member_id, score FROM referral_score WHERE campaign_id = ? AND board = ? AND metric = ? AND period = ?${byDepartment} AND score > 0 ORDER BY score DESC, member_id ASC LIMIT ${Number(limit)}`,
    [q.campaignId, q.board, q.metric, period, ...(q.department !== undefined ? [q.department] : [])],
  )) as { member_id: string; score: number | string }[];
  const ids = rows.map((r) => r.member_id);
  const names =
    q.board === "staff"
      ? new Map([...(await deps.referrals.staffProfiles(ids))].map(([id, p]) => [id, p.name]))
      : await customerNames(deps.db.manager, ids);
  const entries: Leaderboard["entries"] = [];
  rows.forEach((r, i) => {
    const score = Number(r.score);
    const rank = i > 0 && entries[i - 1].score === score ? entries[i - 1].rank : i + 1;
    entries.push({ rank, memberId: r.member_id, name: names.get(r.member_id) ?? "", score });
  });
  return { period, entries };
}

/**
 * A member's place: one more than the members strictly above, summed from the score histogram (no
 * row counting), read with their score in one statement.
 */
export async function rankOf(deps: BoardDeps, q: BoardQuery, memberId: string): Promise<MyRank> {
  const period = periodKey(deps, q.period, q.date);
  const key = [q.campaignId, q.board, q.metric, period];
  const [row] = (await deps.db.manager.query(
    `SELECT mine.score AS score, COALESCE(SUM(h.members), 0) AS members, COALESCE(SUM(CASE WHEN h.score > mine.score THEN h.members ELSE 0 END), 0) AS above
     FROM (SELECT COALESCE(MAX(score), 0) AS score FROM referral_score WHERE campaign_id = ? AND board = ? AND metric = ? AND period = ? AND member_id = ?) mine
     LEFT JOIN referral_score_histogram h ON h.campaign_id = ? AND h.board = ? AND h.metric = ? AND h.period = ? AND h.department_id = ?
     GROUP BY mine.score`,
    [...key, memberId, ...key, q.department ?? ALL_DEPARTMENTS],
  )) as { score: number | string; members: number | string; above: number | string }[];
  const score = Number(row.score);
  const members = Number(row.members);
  return score > 0 ? { period, score, rank: Number(row.above) + 1, members } : { period, score: 0, rank: null, members };
}
