import { fromWallTime, isoDate, wallTime } from "./zonedTime";

/** Midnight of `at`'s calendar day in the business time zone. */
export function startOfBusinessDay(at: Date, timezone: string): Date {
  const w = wallTime(at, timezone);
  return fromWallTime({ ...w, hour: 0, minute: 0, second: 0 }, timezone);
}

/** The business date (`YYYY-MM-DD`) of an instant. */
export const businessDate = (at: Date, timezone: string): string => isoDate(wallTime(at, timezone));
