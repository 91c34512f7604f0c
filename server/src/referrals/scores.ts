import type { EntityManager } from "typeorm";
import type { DatabaseKind } from "../db/database";
import { wallTime, isoDate } from "../platform/zonedTime";
import type { ReferrerKind } from "./referral.entity";

/** The histogram row that counts a board and period across every department. */
export const ALL_DEPARTMENTS = -1;

export type PeriodKind = "all" | "day" | "week" | "month";

/** The period keys a moment falls in (business time zone): all time, its day, ISO week and month. */
export function periodsOf(at: Date, timezone: string): Record<PeriodKind, string> {
  const w = wallTime(at, timezone);
  const date = isoDate(w);
  return { all: "all", day: `d:${date}`, week: `w:${isoWeek(w.year, w.month, w.day)}`, month: `m:${date.slice(0, 7)}` };
}

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
  memberId: string;
  departmentId: number;
  delta: number;
  periods: string[];
}

const UPSERT_SCORE: Record<DatabaseKind, string> = {
  mysql: "INSERT INTO referral_score (campaign_id, board, period, member_id, department_id, score) VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE score = score + VALUES(score)",
  sqlite:
    "INSERT INTO referral_score (campaign_id, board, period, member_id, department_id, score) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (campaign_id, board, period, member_id) DO UPDATE SET score = score + excluded.score",
};
const UPSERT_BUCKET: Record<DatabaseKind, string> = {
  mysql: "INSERT INTO referral_score_histogram (campaign_id, board, period, department_id, score, members) VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE members = members + VALUES(members)",
  sqlite:
    "INSERT INTO referral_score_histogram (campaign_id, board, period, department_id, score, members) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (campaign_id, board, period, department_id, score) DO UPDATE SET members = members + excluded.members",
};

/**
 * Moves a member's score in every period, in the caller's transaction (the one that qualifies or
 * voids the referral), with the histograms that answer "my rank". Buckets are touched lower score
 * first, so two transactions never wait on each other in a circle.
 */
export async function changeScore(em: EntityManager, kind: DatabaseKind, change: ScoreChange): Promise<void> {
  const { campaignId, board, memberId, departmentId, delta } = change;
  for (const period of change.periods) {
    await em.query(UPSERT_SCORE[kind], [campaignId, board, period, memberId, departmentId, delta]);
    const [row] = (await em.query("SELECT score FROM referral_score WHERE campaign_id = ? AND board = ? AND period = ? AND member_id = ?", [
      campaignId,
      board,
      period,
      memberId,
    ])) as { score: number | string }[];
    const now = Number(row.score);
    const before = now - delta;
    const moves = [
      { score: before, members: -1 },
      { score: now, members: 1 },
    ]
      .filter((m) => m.score > 0)
      .sort((a, b) => a.score - b.score);
    const departments = departmentId > 0 && board === "staff" ? [ALL_DEPARTMENTS, departmentId] : [ALL_DEPARTMENTS];
    for (const move of moves) {
      for (const department of departments) await em.query(UPSERT_BUCKET[kind], [campaignId, board, period, department, move.score, move.members]);
    }
  }
}
