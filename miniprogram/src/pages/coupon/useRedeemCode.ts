import { useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import type { RedeemCode } from '@scrm/shared'
import { call, type ApiError } from '../../api/client'
import { asCustomer } from '../../api/customerLogin'

export interface RedeemCodeState {
  /** The latest code; kept while a refresh fails, since the server still accepts it for a minute. */
  code?: RedeemCode
  error?: ApiError
}

const RETRY_AFTER_ERROR_MS = 10_000
const MIN_REFRESH_MS = 1_000

/** The server's answer when the coupon can no longer (or not yet) be used: used, expired, not begun. */
const couponNotUsable = (error: ApiError) => error.status === 409 && error.code === 'conflict'

/**
 * The coupon's in-store code, fetched again when the server says, and whenever the page shows again.
 * Once the server refuses a code because the coupon is not usable, the code is dropped, refreshing
 * stops, and `onNotUsable` is told, so the page can show the coupon's new state instead.
 */
export function useRedeemCode(couponId: string, onNotUsable: () => void): RedeemCodeState {
  const [state, setState] = useState<RedeemCodeState>({})
  const [visible, setVisible] = useState(true)
  const [generation, setGeneration] = useState(0)
  const [stopped, setStopped] = useState(false)
  // The latest callback, without restarting the refresh loop when the page passes a new one.
  const notUsable = useRef(onNotUsable)
  notUsable.current = onNotUsable

  // A page left open under another one keeps no timer running; coming back fetches a fresh code.
  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))

  useEffect(() => {
    if (!visible || stopped) return
    let current = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const again = (ms: number) => {
      timer = setTimeout(() => setGeneration((g) => g + 1), ms)
    }
    asCustomer(() => call('myCouponCode', undefined, { params: { id: couponId } })).then(
      (code) => {
        if (!current) return
        setState({ code })
        again(Math.max(MIN_REFRESH_MS, code.refreshAfterMs))
      },
      (error: ApiError) => {
        if (!current) return
        if (couponNotUsable(error)) {
          setState({})
          setStopped(true)
          notUsable.current()
          return
        }
        setState((s) => ({ ...s, error }))
        again(RETRY_AFTER_ERROR_MS)
      },
    )
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [couponId, visible, generation, stopped])

  return state
}
