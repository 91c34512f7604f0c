// China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact, and it does not
// depend on Intl time-zone data that mini-program JavaScript engines do not all ship.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-11-26T02:00:00.000Z` → `2026-11-26 10:00` (Asia/Shanghai). */
export function formatShanghaiTime(iso: string): string {
  const t = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS)
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`
}
