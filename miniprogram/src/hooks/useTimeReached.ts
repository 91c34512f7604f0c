import { useEffect, useState } from 'react'

/** The longest delay `setTimeout` keeps (2^31 − 1 ms, about 24.8 days); a longer wait re-arms. */
const MAX_TIMER_MS = 2_147_483_647

/** Whether this device's clock has reached `iso`; the component renders again when it does. */
export function useTimeReached(iso: string): boolean {
  const at = Date.parse(iso)
  const [, setWakeUps] = useState(0)
  const reached = Date.now() >= at

  useEffect(() => {
    if (reached) return
    const timer = setTimeout(() => setWakeUps((n) => n + 1), Math.min(at - Date.now(), MAX_TIMER_MS))
    return () => clearTimeout(timer)
  })

  return reached
}
