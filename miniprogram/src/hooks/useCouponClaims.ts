import { useRef, useState } from 'react'
import type { ClaimRequest, MyCoupon } from '@scrm/shared'
import { claimCoupon, claimOutcomeUnknown, newIdempotencyKey } from '../api/couponClaim'
import { CLAIM_REFUSALS, refusalText } from '../lib/coupons'

export type ClaimState =
  | { status: 'working' }
  | { status: 'claimed' }
  /** Taken; WeChat Pay is putting the coupon into the customer's card wallet. */
  | { status: 'sending' }
  /** Taken, then refused by WeChat Pay (a replayed key answers so): the next tap is a new claim. */
  | { status: 'failed' }
  | { status: 'refused'; message: string }
  /** No answer: the claim may or may not have been taken; a retry reuses its key. */
  | { status: 'unknown'; message: string }

/** What a claim the server answered came to, by its coupon's status. */
function claimedState(coupon: MyCoupon): ClaimState {
  switch (coupon.status) {
    case 'failed':
      return { status: 'failed' }
    case 'sending':
      return { status: 'sending' }
    default:
      return { status: 'claimed' }
  }
}

/**
 * The customer's claims on this page, by stock. `before` runs first (a login the page already
 * started), so a claim does not log in a second time.
 */
export function useCouponClaims() {
  const [claims, setClaims] = useState<Record<string, ClaimState>>({})
  // The key of each stock's claim whose outcome is not known yet: kept until an answer arrives.
  const pendingKeys = useRef<Record<string, string>>({})

  const claim = async (request: ClaimRequest, before: () => Promise<void> = () => Promise.resolve()) => {
    const { stockId } = request
    const key = (pendingKeys.current[stockId] ??= newIdempotencyKey())
    setClaims((c) => ({ ...c, [stockId]: { status: 'working' } }))
    let next: ClaimState
    try {
      await before().catch(() => undefined)
      next = claimedState(await claimCoupon(request, key))
    } catch (err) {
      next = claimOutcomeUnknown(err)
        ? { status: 'unknown', message: '网络异常，领取结果未知，请重试' }
        : { status: 'refused', message: refusalText(err, CLAIM_REFUSALS) }
    }
    // Any answer settles the claim; after `failed` too, so the next tap is a new claim, not a replay.
    if (next.status !== 'unknown') delete pendingKeys.current[stockId]
    setClaims((c) => ({ ...c, [stockId]: next }))
  }

  return { claims, claim }
}

/** Whether the claim took a coupon (or WeChat Pay is still sending it). */
export const claimTaken = (claim?: ClaimState): boolean => claim?.status === 'claimed' || claim?.status === 'sending'

/** What the claim button says: it can be tapped again after a failure or an unknown outcome. */
export const claimButtonText = (claim: ClaimState | undefined, label: string): string =>
  claim?.status === 'unknown' ? '重试领取' : claim?.status === 'failed' ? '重新领取' : label
