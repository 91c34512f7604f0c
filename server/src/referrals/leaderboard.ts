import type { Leaderboard, MyRank } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { fromWallTime } from "../platform/zonedTime";
import { customerNames } from "../customers/oneId";
import { staffProfiles } from "../wecom/directory/staffRecords";
import type { ReferrerKind } from "./referral.entity";

/** The metrics a leaderboard ranks by (`revoked` is the referrer's quality, not a board). */
type LeaderboardMetric = "qualified" | "new";
import { ALL_DEPARTMENTS, periodsOf, type PeriodKind } from "./scores";

type BoardDeps = Pick<AppDeps, "db" | "clock" | "config">;

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

/** The top of a board: by score, ties in member id order, from the score index (never a scan of referrals). */
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
      ? new Map([...(await staffProfiles(deps.db, ids))].map(([id, p]) => [id, p.name]))
      : await customerNames(deps.db.manager, ids);
  return { period, entries: rows.map((r, i) => ({ rank: i + 1, memberId: r.member_id, name: names.get(r.member_id) ?? "", score: Number(r.score) })) };
}

/** A member's place: members above from the score histogram, ties before them from the index. */
export async function rankOf(deps: BoardDeps, q: BoardQuery, memberId: string): Promise<MyRank> {
  const { db } = deps;
  const period = periodKey(deps, q.period, q.date);
  const key = [q.campaignId, q.board, q.metric, period];
  const department = q.department ?? ALL_DEPARTMENTS;
  const sum = async (where: string, params: unknown[]) =>
    Number(((await db.manager.query(`SELECT COALESCE(SUM(members), 0) AS n FROM referral_score_histogram WHERE campaign_id = ? AND board = ? AND metric = ? AND period = ? AND department_id = ?${where}`, [...key, department, ...params])) as { n: number | string }[])[0].n);
  const members = await sum("", []);
  const [mine] = (await db.manager.query("SELECT score FROM referral_score WHERE campaign_id = ? AND board = ? AND metric = ? AND period = ? AND member_id = ?", [...key, memberId])) as { score: number | string }[];
  const score = mine ? Number(mine.score) : 0;
  if (score <= 0) return { period, score: 0, rank: null, members };
  const above = await sum(" AND score > ?", [score]);
  const byDepartment = q.department !== undefined ? " AND department_id = ?" : "";
  const [ties] = (await db.manager.query(
    `SELECT COUNT(*) AS n FROM referral_score WHERE campaign_id = ? AND board = ? AND metric = ? AND period = ?${byDepartment} AND score = ? AND member_id < ?`,
    [...key, ...(q.department !== undefined ? [q.department] : []), score, memberId],
  )) as { n: number | string }[];
  return { period, score, rank: above + Number(ties.n) + 1, members };
}
