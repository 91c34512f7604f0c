import { Button, Text, View } from '@tarojs/components'
import type { CouponOffer } from '@scrm/shared'
import { ClaimOutcome } from '../../components/ClaimOutcome'
import { CouponCard } from '../../components/CouponCard'
import { Loaded } from '../../components/Loaded'
import { useReloadableApi } from '../../hooks/useApi'
import { claimButtonText, claimTaken, useCouponClaims, type ClaimState } from '../../hooks/useCouponClaims'
import { validityText } from '../../lib/coupons'

interface CouponOffersProps {
  state: string
  /** Resolves once the page's own customer login has settled, so a claim does not log in a second time. */
  loggedIn: () => Promise<void>
}

/** The channel's coupons, each with a claim button. */
export function CouponOffers({ state, loggedIn }: CouponOffersProps) {
  const [offers] = useReloadableApi('landingOffers', { params: { state } })
  const { claims, claim } = useCouponClaims()

  return (
    <Loaded state={offers}>
      {({ offers: rows }) =>
        rows.length > 0 && (
          <View id='coupon-offers' className='section'>
            <Text className='section-title'>领取优惠券</Text>
            {rows.map((offer) => (
              <OfferCard key={offer.stockId} offer={offer} claim={claims[offer.stockId]} onClaim={() => claim({ stockId: offer.stockId, state }, loggedIn)} />
            ))}
          </View>
        )
      }
    </Loaded>
  )
}

function OfferCard({ offer, claim, onClaim }: { offer: CouponOffer; claim?: ClaimState; onClaim: () => void }) {
  const done = claimTaken(claim) || claim?.status === 'refused'
  return (
    <CouponCard name={offer.name} benefit={offer.benefit} validity={validityText(offer.validity)} data={{ 'data-testid': 'coupon-offer', 'data-stock-id': offer.stockId }}>
      {!done && (
        <Button className='claim-button' type='warn' size='mini' disabled={offer.soldOut || claim?.status === 'working'} loading={claim?.status === 'working'} onClick={onClaim}>
          {offer.soldOut ? '已领完' : claimButtonText(claim, '领取')}
        </Button>
      )}
      <ClaimOutcome claim={claim} />
    </CouponCard>
  )
}
