const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * WeChat Pay's times on the wire: RFC 3339 in Beijing time, e.g. `2026-03-02T10:00:00+08:00`.
 * China keeps no daylight saving time, so a fixed offset is exact.
 */
export function wechatPayTime(epochMs: number): string {
  return `${new Date(epochMs + BEIJING_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}
