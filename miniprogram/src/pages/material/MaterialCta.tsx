import { Button, View } from '@tarojs/components'
import type { CallToAction } from '@scrm/shared'
import { recordMaterialEvent } from '../../api/materialShares'
import { ClaimOutcome } from '../../components/ClaimOutcome'
import { claimButtonText, claimTaken, useCouponClaims } from '../../hooks/useCouponClaims'
import { openPage } from '../../lib/pages'

/**
 * The material's call to action: claim its coupon (the coupon claim, attributed to the share), or
 * add the staff member (the channel's landing page). The tap is recorded first, for the statistics.
 */
export function MaterialCta({ token, cta }: { token: string; cta: CallToAction }) {
  const { claims, claim } = useCouponClaims()
  const tapped = () => void recordMaterialEvent(token, { kind: 'cta', cta: cta.kind }).catch(() => undefined)

  if (cta.kind === 'add_staff') {
    const addStaff = () => {
      tapped()
      openPage('landing', { state: cta.channelState })
    }
    return (
      <Button id='material-cta' type='primary' className='line' data-cta={cta.kind} onClick={addStaff}>
        {cta.label}
      </Button>
    )
  }

  const state = claims[cta.stockId]
  const claimIt = () => {
    tapped()
    void claim({ stockId: cta.stockId, attribution: { shareToken: token } })
  }
  return (
    <View className='section'>
      {!claimTaken(state) && state?.status !== 'refused' && (
        <Button id='material-cta' type='warn' className='line' data-cta={cta.kind} disabled={state?.status === 'working'} loading={state?.status === 'working'} onClick={claimIt}>
          {claimButtonText(state, cta.label)}
        </Button>
      )}
      <ClaimOutcome claim={state} />
    </View>
  )
}
