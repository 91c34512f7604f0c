import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { call } from '../../api/client'
import { asCustomer } from '../../api/customerLogin'
import { BrokenLink } from '../../components/BrokenLink'
import { Loaded } from '../../components/Loaded'
import { ReferralPoster } from '../../components/ReferralPoster'
import { useLoader } from '../../hooks/useApi'
import { useCustomerApi } from '../../hooks/useCustomerApi'
import { routeParam } from '../../lib/pages'
import { REFERRAL_OUTCOME_TEXT, RETRYABLE_OUTCOMES } from '../../lib/referrals'
import { InviteProgress } from './InviteProgress'

/** A mini-program code carries the referral code as `scene`; a shared card's path carries `code`. */
const referralCode = (params: Partial<Record<string, string>>): string => routeParam(params.scene ?? params.code).trim()

/** The customer's own code, poster and ladder progress in the campaign they were invited to. */
function MyInviteCard({ campaignId }: { campaignId: string }) {
  const [referral] = useCustomerApi('myReferral', { params: { id: campaignId } })
  return (
    <View id='my-invite'>
      <Loaded state={referral}>{({ code }) => <ReferralPoster campaignId={campaignId} code={code} />}</Loaded>
      <InviteProgress campaignId={campaignId} />
    </View>
  )
}

/**
 * Where a friend's referral code opens: the customer is logged in and recorded as the friend's
 * invitee (once; the server says whether it counted), then can invite friends of their own.
 */
export default function InvitePage() {
  const code = referralCode(useRouter().params)
  const [opened, openAgain] = useLoader(() => asCustomer(() => call('referralOpen', { code })), code, code !== '')
  const [showCard, setShowCard] = useState(false)

  if (!code) return <BrokenLink reason='链接缺少邀请码' />

  return (
    <View id='invite' className='page'>
      <Text className='page-title'>好友邀请</Text>
      <Loaded state={opened}>
        {({ outcome, campaignId }) => (
          <View>
            <Text id='invite-outcome' className='note' data-outcome={outcome}>{REFERRAL_OUTCOME_TEXT[outcome]}</Text>
            {RETRYABLE_OUTCOMES.has(outcome) && (
              <Button id='invite-retry' className='line' onClick={openAgain}>
                重新接受邀请
              </Button>
            )}
            {showCard ? (
              <MyInviteCard campaignId={campaignId} />
            ) : (
              <Button id='invite-my-card' type='primary' className='line' onClick={() => setShowCard(true)}>
                我也要邀请好友
              </Button>
            )}
          </View>
        )}
      </Loaded>
    </View>
  )
}
