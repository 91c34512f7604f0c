import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { CouponOffer, MyCoupon } from '@scrm/shared'
import { claimCoupon, claimOutcomeUnknown, newIdempotencyKey } from '../../api/couponClaim'
import { CouponCard } from '../../components/CouponCard'
import { Loaded } from '../../components/Loaded'
import { useReloadableApi } from '../../hooks/useApi'
import { CLAIM_REFUSALS, refusalText, validityText } from '../../lib/coupons'
import { openPage } from '../../lib/pages'

type ClaimState =
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

interface CouponOffersProps {
  state: string
  /** Resolves once the page's own customer login has settled, so a claim does not log in a second time. */
  loggedIn: () => Promise<void>
}

/** The channel's coupons, each with a claim button. */
export function CouponOffers({ state, loggedIn }: CouponOffersProps) {
  const [offers] = useReloadableApi('landingOffers', { params: { state } })
  const [claims, setClaims] = useState<Record<string, ClaimState>>({})
  // The key of each stock's claim whose outcome is not known yet: kept until an answer arrives.
  const pendingKeys = useRef<Record<string, string>>({})

  const claim = async (stockId: string) => {
    const key = (pendingKeys.current[stockId] ??= newIdempotencyKey())
    setClaims((c) => ({ ...c, [stockId]: { status: 'working' } }))
    let next: ClaimState
    try {
      await loggedIn().catch(() => undefined)
      next = claimedState(await claimCoupon({ stockId, state }, key))
    } catch (err) {
      next = claimOutcomeUnknown(err)
        ? { status: 'unknown', message: '网络异常，领取结果未知，请重试' }
        : { status: 'refused', message: refusalText(err, CLAIM_REFUSALS) }
    }
    // Any answer settles the claim; after `failed` too, so the next tap is a new claim, not a replay.
    if (next.status !== 'unknown') delete pendingKeys.current[stockId]
    setClaims((c) => ({ ...c, [stockId]: next }))
  }

  return (
    <Loaded state={offers}>
      {({ offers: rows }) =>
        rows.length > 0 && (
          <View id='coupon-offers' className='section'>
            <Text className='section-title'>领取优惠券</Text>
            {rows.map((offer) => (
              <OfferCard key={offer.stockId} offer={offer} claim={claims[offer.stockId]} onClaim={() => claim(offer.stockId)} />
            ))}
          </View>
        )
      }
    </Loaded>
  )
}

function OfferCard({ offer, claim, onClaim }: { offer: CouponOffer; claim?: ClaimState; onClaim: () => void }) {
  const taken = claim?.status === 'claimed' || claim?.status === 'sending'
  const done = taken || claim?.status === 'refused'
  return (
    <CouponCard name={offer.name} benefit={offer.benefit} validity={validityText(offer.validity)} data={{ 'data-testid': 'coupon-offer', 'data-stock-id': offer.stockId }}>
      {!done && (
        <Button className='claim-button' type='warn' size='mini' disabled={offer.soldOut || claim?.status === 'working'} loading={claim?.status === 'working'} onClick={onClaim}>
          {offer.soldOut ? '已领完' : claim?.status === 'unknown' ? '重试领取' : claim?.status === 'failed' ? '重新领取' : '领取'}
        </Button>
      )}
      {taken && (
        <View className='claim-outcome'>
          <Text className='line'>{claim.status === 'sending' ? '发放中' : '领取成功'}</Text>
          <Button className='go-my-coupons' size='mini' onClick={() => openPage('coupons')}>查看我的优惠券</Button>
        </View>
      )}
      {claim?.status === 'failed' && <Text className='line error claim-outcome'>发放失败，请稍后重试</Text>}
      {(claim?.status === 'refused' || claim?.status === 'unknown') && <Text className='line error claim-outcome'>{claim.message}</Text>}
    </CouponCard>
  )
}
