import { useRef } from 'react'
import { useDidShow } from '@tarojs/taro'

/** Reloads when the user comes back to the page (after editing on another page), not on its first show. */
export function useReloadOnReturn(reload: () => void): void {
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) reload()
    shown.current = true
  })
}
