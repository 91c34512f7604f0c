import Taro from '@tarojs/taro'
import { buildUrl } from './client'
import { loadAuthorizedImage, saveImage } from './authorizedImage'

/** The signed-in member's share poster in a campaign (their mini-program code on the campaign's artwork). */
export const loadReferralPoster = (campaignId: string): Promise<string> =>
  loadAuthorizedImage(buildUrl('/api/campaigns/:id/my-referral/poster.png', { id: campaignId }), '海报')

/**
 * Offers the poster to WeChat's share sheet (send to a chat, save, favourite) where the base library
 * has it; elsewhere saves it.
 */
export async function shareReferralPoster(image: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV !== 'h5' && typeof Taro.showShareImageMenu === 'function') {
    await Taro.showShareImageMenu({ path: image })
    return
  }
  await saveImage(image, fileName)
}
