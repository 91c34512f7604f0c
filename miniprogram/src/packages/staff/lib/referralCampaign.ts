import Taro from '@tarojs/taro'

const REFERRAL_CAMPAIGN_STORAGE_KEY = 'scrm.referral.campaign'

/**
 * The campaign a staff member last promoted. Staff cannot list campaigns (managers can), so the id
 * comes from a manager's link and is remembered for the next visit.
 */
export const savedReferralCampaign = (): string => {
  const id: unknown = Taro.getStorageSync(REFERRAL_CAMPAIGN_STORAGE_KEY)
  return typeof id === 'string' ? id : ''
}

export const saveReferralCampaign = (id: string): void => Taro.setStorageSync(REFERRAL_CAMPAIGN_STORAGE_KEY, id)
