import Taro from '@tarojs/taro'

/** Every page's route, in one place, so links and app.config.ts cannot drift apart. */
export const PAGES = {
  home: '/pages/index/index',
  landing: '/pages/landing/index',
  coupons: '/pages/coupons/index',
  coupon: '/pages/coupon/index',
  invite: '/pages/invite/index',
  material: '/pages/material/index',
  staffHome: '/packages/staff/pages/home/index',
  staffCustomers: '/packages/staff/pages/customers/index',
  staffCustomer: '/packages/staff/pages/customer/index',
  staffRedeem: '/packages/staff/pages/redeem/index',
  staffReferral: '/packages/staff/pages/referral/index',
  staffMaterials: '/packages/staff/pages/materials/index',
  staffMaterial: '/packages/staff/pages/material/index',
  myShares: '/packages/staff/pages/my-shares/index',
  myTasks: '/packages/staff/pages/tasks/index',
  managerHome: '/packages/manager/pages/home/index',
  campaigns: '/packages/manager/pages/campaigns/index',
  campaign: '/packages/manager/pages/campaign/index',
  channelForm: '/packages/manager/pages/channel-form/index',
  channel: '/packages/manager/pages/channel/index',
  stockForm: '/packages/manager/pages/stock-form/index',
  stock: '/packages/manager/pages/stock/index',
  leaderboard: '/packages/manager/pages/leaderboard/index',
  suspicious: '/packages/manager/pages/suspicious/index',
  managerMaterials: '/packages/manager/pages/materials/index',
  materialForm: '/packages/manager/pages/material-form/index',
  materialStats: '/packages/manager/pages/material-stats/index',
  scoringRules: '/packages/manager/pages/scoring/index',
  followupPlans: '/packages/manager/pages/followup-plans/index',
  followupPlan: '/packages/manager/pages/followup-plan/index',
  followupResults: '/packages/manager/pages/followup-results/index',
} as const

export type PageName = keyof typeof PAGES

/** Opens a page with its query parameters (values are URI-encoded). */
export function openPage(page: PageName, query: Record<string, string | undefined> = {}): void {
  const search = Object.entries(query)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  void Taro.navigateTo({ url: PAGES[page] + (search ? `?${search}` : '') })
}

/** Opens one of our pages by the path the server stores (`pages/landing/index?state=…`). */
export function openPath(path: string): void {
  void Taro.navigateTo({ url: `/${path.replace(/^\//, '')}` })
}

/** A router parameter as text: the H5 router may hand it over still URI-encoded. */
export function routeParam(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/**
 * A page path the server hands out (`pages/material/index?token=…`) as a link this H5 build opens:
 * the hash route on this very origin.
 */
export const h5LinkOf = (path: string): string => `${window.location.origin}${window.location.pathname}#/${path.replace(/^\//, '')}`
