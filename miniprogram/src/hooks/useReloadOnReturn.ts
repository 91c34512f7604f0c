import { useRef } from 'react'
import { stopPullDownRefresh, useDidShow, usePullDownRefresh } from '@tarojs/taro'

/** Reloads when the user comes back to the page (after editing on another page), not on its first show. */
export function useReloadOnReturn(reload: () => void): void {
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) reload()
    shown.current = true
  })
}

/**
 * For a list page whose rows change elsewhere: reloads on return, and on a pull-down (which its
 * `index.config.ts` turns on with `enablePullDownRefresh`).
 */
export function useRefreshableList(reload: () => void): void {
  useReloadOnReturn(reload)
  usePullDownRefresh(() => {
    reload()
    stopPullDownRefresh()
  })
}
