import type { ClaimRequest, MyCoupon } from '@scrm/shared'
import { ApiError, call } from './client'
import { asCustomer } from './customerLogin'

/**
 * 24 random base-36 characters. Keys only need to differ between one customer's claims, and
 * mini-program JavaScript has no `crypto.randomUUID`.
 */
export function newIdempotencyKey(): string {
  let key = Date.now().toString(36)
  while (key.length < 24) key += Math.floor(Math.random() * 36).toString(36)
  return key
}

/**
 * Whether a failed claim may still have been taken: no answer came (network), or the server failed
 * or was too busy to say. Retrying such a claim must reuse its key; any other answer is final.
 */
export function claimOutcomeUnknown(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true
  return err.status === 0 || err.status === 429 || err.status >= 500 || err.code === 'bad_response'
}

/** Claims one coupon; the same `idempotencyKey` answers the same claim however often it is sent. */
export async function claimCoupon(request: ClaimRequest, idempotencyKey: string): Promise<MyCoupon> {
  const { coupon } = await asCustomer(() => call('couponClaim', request, { headers: { 'Idempotency-Key': idempotencyKey } }))
  return coupon
}
