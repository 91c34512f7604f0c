import { useEffect, useRef } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'

/** How often reading time is reported while the page is visible. */
const HEARTBEAT_MS = 10_000
/** The server takes at most a minute of reading per heartbeat. */
const MAX_DWELL_MS = 60_000

/**
 * Reports the time the page was visible, every few seconds and once more when it is hidden or
 * closed; nothing while hidden (another page on top, the app or the browser tab in the background).
 */
export function useDwellHeartbeat(report: (dwellMs: number) => void, enabled: boolean): void {
  const visibleSince = useRef<number | null>(null)
  const reportLatest = useRef(report)
  reportLatest.current = report

  const flush = () => {
    if (visibleSince.current === null) return
    const now = Date.now()
    const dwellMs = Math.min(now - visibleSince.current, MAX_DWELL_MS)
    visibleSince.current = now
    if (dwellMs > 0) reportLatest.current(dwellMs)
  }
  const start = () => {
    visibleSince.current ??= Date.now()
  }
  const stop = () => {
    flush()
    visibleSince.current = null
  }

  useEffect(() => {
    if (!enabled) return
    start()
    const timer = setInterval(flush, HEARTBEAT_MS)
    return () => {
      clearInterval(timer)
      stop()
    }
    // The callbacks read refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled])

  useDidShow(() => {
    if (enabled) start()
  })
  useDidHide(stop)
}
