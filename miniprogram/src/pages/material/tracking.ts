import { useEffect, useState } from 'react'
import { recordMaterialEvent } from '../../api/materialShares'
import { useDwellHeartbeat } from '../../hooks/useDwellHeartbeat'
import { PAGES } from '../../lib/pages'

/** The page a share token opens, as a share card's path. */
export const materialPathOf = (token: string): string => `${PAGES.material}?token=${token}`

/**
 * A forward of the share being read: the server makes (or finds) this viewer's child token, so the
 * friend who opens the forwarded card is traced through the viewer. WeChat says nothing about
 * forwards itself; this share intent is all we learn.
 */
export async function forwardPathOf(token: string): Promise<string> {
  const { childToken } = await recordMaterialEvent(token, { kind: 'share_intent' })
  return materialPathOf(childToken ?? token)
}

// Tracking is the viewer's side effect, not their business: a lost event is not worth an error on
// their screen, and the next heartbeat or view tries again.
const quietly = (sent: Promise<unknown>) => void sent.catch(() => undefined)

/**
 * Records the open once the material shows, then the reading time while the page is visible.
 * Answers whether the view was recorded.
 */
export function useMaterialTracking(token: string, shown: boolean): boolean {
  const [viewRecorded, setViewRecorded] = useState(false)
  useEffect(() => {
    if (shown) quietly(recordMaterialEvent(token, { kind: 'view' }).then(() => setViewRecorded(true)))
  }, [token, shown])
  useDwellHeartbeat((dwellMs) => quietly(recordMaterialEvent(token, { kind: 'heartbeat', dwellMs })), shown)
  return viewRecorded
}
