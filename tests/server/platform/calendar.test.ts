import { WorkingCalendar } from "../../../server/src/platform/calendar";
import { BusinessClock, HOUR_MS } from "../../../server/src/platform/clock";

const calendar = new WorkingCalendar({ timezone: "Asia/Shanghai", start: "09:00", end: "18:00" });
const sh = (local: string) => new Date(`${local}+08:00`);

test("weekdays are workdays, public holidays are not, make-up Saturdays are", () => {
  expect(calendar.isWorkday(sh("2026-11-26T10:00:00"))).toBe(true); // Thursday
  expect(calendar.isWorkday(sh("2026-11-28T10:00:00"))).toBe(false); // Saturday
  expect(calendar.isWorkday(sh("2026-10-01T10:00:00"))).toBe(false); // National Day, a Thursday
  expect(calendar.isWorkday(sh("2026-02-16T10:00:00"))).toBe(false); // Spring Festival, a Monday
  expect(calendar.isWorkday(sh("2026-02-14T10:00:00"))).toBe(true); // make-up workday, a Saturday
});

test("working time is inside working hours of a workday, in the calendar's time zone", () => {
  expect(calendar.isWorkingTime(sh("2026-11-26T09:00:00"))).toBe(true);
  expect(calendar.isWorkingTime(sh("2026-11-26T08:59:59"))).toBe(false);
  expect(calendar.isWorkingTime(sh("2026-11-26T18:00:00"))).toBe(false);
  expect(calendar.isWorkingTime(new Date("2026-11-26T01:30:00Z"))).toBe(true); // 09:30 in Shanghai
});

test("N working hours after T skips nights, weekends and holidays", () => {
  expect(calendar.addWorkingHours(sh("2026-11-26T10:00:00"), 2)).toEqual(sh("2026-11-26T12:00:00"));
  expect(calendar.addWorkingHours(sh("2026-11-26T17:00:00"), 2)).toEqual(sh("2026-11-27T10:00:00"));
  expect(calendar.addWorkingHours(sh("2026-11-27T17:30:00"), 2)).toEqual(sh("2026-11-30T10:30:00")); // over the weekend
  expect(calendar.addWorkingHours(sh("2026-11-26T22:00:00"), 2)).toEqual(sh("2026-11-27T11:00:00")); // lead at night
  // Wednesday 30 Sep 2026, late afternoon: National Day holiday runs 1–7 Oct; 8 Oct is the next workday.
  expect(calendar.addWorkingHours(sh("2026-09-30T17:00:00"), 2)).toEqual(sh("2026-10-08T10:00:00"));
  expect(calendar.addWorkingHours(sh("2026-11-26T10:00:00"), 0)).toEqual(sh("2026-11-26T10:00:00"));
});

test("a year without holiday data counts weekends only and warns once", () => {
  const warned: number[] = [];
  const cal = new WorkingCalendar({ timezone: "Asia/Shanghai", start: "09:00", end: "18:00", onMissingYear: (y) => warned.push(y) });
  expect(cal.isWorkday(sh("2031-01-01T10:00:00"))).toBe(true); // a Wednesday; no data for 2031
  expect(cal.isWorkday(sh("2031-01-04T10:00:00"))).toBe(false); // Saturday
  expect(warned).toEqual([2031]);
});

test("the business clock moves for tests and the sandbox, the real clock does not", () => {
  const clock = new BusinessClock();
  const before = Date.now();
  clock.advance(72 * HOUR_MS);
  expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(72 * HOUR_MS);
  expect(Date.now() - before).toBeLessThan(HOUR_MS);
  clock.set(sh("2026-11-26T10:00:00"));
  expect(Math.abs(clock.now().getTime() - sh("2026-11-26T10:00:00").getTime())).toBeLessThan(1000);
  clock.reset();
  expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
});
