import Taro from '@tarojs/taro'
import type { SubscriptionsResponse } from '@scrm/shared'
import { ApiError, call } from './client'
import { asCustomer } from './customerLogin'
import { sandboxSubscribeDialog } from './sandbox'

/** The phone's subscription dialog: `wx.requestSubscribeMessage` in the mini-program; the platform simulator's in the H5 sandbox. */
async function subscribeDialog(tmplIds: string[]): Promise<Record<string, unknown>> {
  if (process.env.TARO_ENV === 'h5') return sandboxSubscribeDialog(tmplIds)
  // Taro types both platforms' option: weapp reads `tmplIds`; `entityIds` is Alipay's.
  const answer = await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] })
  return { ...answer }
}

/**
 * Asks the customer to subscribe to our templates (by key: `coupon_expiring`) and tells our server
 * which they accepted, each worth one notice. Answers the keys accepted and the grants now left.
 */
export async function subscribeTo(keys: string[]): Promise<SubscriptionsResponse & { accepted: string[] }> {
  const { templates } = await asCustomer(() => call('subscriptions'))
  const idOf = (key: string) => {
    const template = templates.find((t) => t.key === key)
    if (!template) throw new ApiError('bad_request', `没有订阅消息模板 ${key}`, 0)
    return template.templateId
  }
  const choices = await subscribeDialog(keys.map(idOf))
  const accepted = keys.filter((key) => choices[idOf(key)] === 'accept')
  return { accepted, ...(accepted.length > 0 ? await call('subscriptionGrant', { accepted }) : { templates }) }
}
