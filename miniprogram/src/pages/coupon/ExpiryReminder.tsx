import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { subscribeTo } from '../../api/subscriptions'
import { useCustomerApi } from '../../hooks/useCustomerApi'

/** The subscribe message template our coupon expiry plan sends (server config `subscribeTemplates`). */
const COUPON_EXPIRING = 'coupon_expiring'

/** "Remind me before it expires": one subscription grant, spent by the coupon expiry plan's notice. */
export function ExpiryReminder() {
  const [subscriptions, reload] = useCustomerApi('subscriptions')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const remaining = subscriptions.status === 'ok' ? (subscriptions.data.templates.find((t) => t.key === COUPON_EXPIRING)?.remaining ?? 0) : 0

  const subscribe = async () => {
    setBusy(true)
    setError(undefined)
    try {
      const { accepted } = await subscribeTo([COUPON_EXPIRING])
      if (!accepted.includes(COUPON_EXPIRING)) setError('未开启提醒：你没有同意订阅消息')
      reload()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View id='expiry-reminder' className='section' data-remaining={remaining}>
      <Button id='remind-before-expiry' disabled={busy} loading={busy} onClick={subscribe}>到期提醒我</Button>
      {remaining > 0 && <Text id='expiry-reminder-on' className='line muted'>已开启到期提醒，到期前一天通过服务通知提醒你</Text>}
      {error && <Text className='line error'>{error}</Text>}
    </View>
  )
}
