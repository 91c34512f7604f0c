import { buildUrl } from './client'
import { loadAuthorizedImage } from './authorizedImage'

/** The signed-in member's share poster in a campaign (their mini-program code on the campaign's artwork). */
export const loadReferralPoster = (campaignId: string): Promise<string> =>
  loadAuthorizedImage(buildUrl('/api/campaigns/:id/my-referral/poster.png', { id: campaignId }), '海报')
