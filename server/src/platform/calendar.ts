import holidayData from "chinese-days/dist/chinese-days.json";
import { fromWallTime, isoDate, wallTime, type WallTime } from "./zonedTime";
import { HOUR_MS } from "./clock";

/** Holidays and make-up workdays (调休) by date, as the `chinese-days` package maintains them. */
export interface HolidayData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export interface CalendarOptions {
  timezone: string;
  /** `HH:mm` local time the working day starts and ends. */
  start: string;
  end: string;
  data?: HolidayData;
  /** Told once per year that has no holiday data (the calendar then counts weekends only). */
  onMissingYear?: (year: number) => void;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Working time in China: weekdays and make-up Saturdays/Sundays are workdays, public holidays are
 * not; within a workday, working hours run from `start` to `end` in `timezone`.
 */
export class WorkingCalendar {
  private readonly data: HolidayData;
  private readonly years: Set<number>;
  private readonly warned = new Set<number>();
  private readonly startMin: number;
  private readonly endMin: number;

  constructor(private readonly options: CalendarOptions) {
    this.data = options.data ?? holidayData;
    this.years = new Set([...Object.keys(this.data.holidays), ...Object.keys(this.data.workdays)].map((d) => Number(d.slice(0, 4))));
    this.startMin = minutesOf(options.start);
    this.endMin = minutesOf(options.end);
    if (this.endMin <= this.startMin) throw new Error("the working day must end after it starts");
  }

  /** Whether the local date of `at` is a workday. */
  isWorkday(at: Date): boolean {
    return this.isWorkdayOn(wallTime(at, this.options.timezone));
  }

  isWorkingTime(at: Date): boolean {
    const w = wallTime(at, this.options.timezone);
    const minute = w.hour * 60 + w.minute;
    return this.isWorkdayOn(w) && minute >= this.startMin && minute < this.endMin;
  }

  /** The instant `hours` working hours after `from` (e.g. a lead's 2-hour response deadline). */
  addWorkingHours(from: Date, hours: number): Date {
    if (!(hours >= 0)) throw new RangeError("hours must be a non-negative number");
    let remaining = hours * HOUR_MS;
    let cursor = from.getTime();
    for (let day = 0; day < 3660; day++) {
      const w = wallTime(new Date(cursor), this.options.timezone);
      if (this.isWorkdayOn(w)) {
        const open = this.at(w, this.startMin).getTime();
        const close = this.at(w, this.endMin).getTime();
        cursor = Math.max(cursor, open);
        if (cursor < close) {
          if (remaining <= close - cursor) return new Date(cursor + remaining);
          remaining -= close - cursor;
        }
      }
      cursor = this.nextMidnight(w).getTime();
    }
    throw new RangeError("no working time found within ten years");
  }

  private isWorkdayOn(w: WallTime): boolean {
    const date = isoDate(w);
    if (!this.years.has(w.year) && !this.warned.has(w.year)) {
      this.warned.add(w.year);
      this.options.onMissingYear?.(w.year);
    }
    if (date in this.data.workdays) return true;
    if (date in this.data.holidays) return false;
    const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  private at(w: WallTime, minuteOfDay: number): Date {
    return fromWallTime({ ...w, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60, second: 0 }, this.options.timezone);
  }

  private nextMidnight(w: WallTime): Date {
    const next = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
    return fromWallTime(
      { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0, second: 0 },
      this.options.timezone,
    );
  }
}
