// China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact, and it does not
// depend on Intl time-zone data that mini-program JavaScript engines do not all ship.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-11-26T02:00:00.000Z` → `2026-11-26 10:00` (Asia/Shanghai). */
export function formatShanghaiTime(iso: string): string {
  const t = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS)
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`
}

/** `2026-11-26T02:00:00.000Z` → `2026-11-26` (the Shanghai calendar day). */
export function shanghaiDate(iso: string): string {
  return formatShanghaiTime(iso).slice(0, 10)
}

/** The first instant of a Shanghai calendar day `YYYY-MM-DD`, as an ISO UTC time. */
export function shanghaiDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS).toISOString()
}

/** The last second of a Shanghai calendar day `YYYY-MM-DD`, as an ISO UTC time. */
export function shanghaiDayEnd(date: string): string {
  return new Date(Date.parse(`${date}T23:59:59Z`) - SHANGHAI_OFFSET_MS).toISOString()
}

/** Today in Shanghai, `YYYY-MM-DD`, shifted by whole days. */
export function shanghaiToday(plusDays = 0): string {
  return shanghaiDate(new Date(Date.now() + plusDays * 86_400_000).toISOString())
}
