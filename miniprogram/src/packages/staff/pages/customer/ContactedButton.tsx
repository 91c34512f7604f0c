import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { CustomerSummary } from '@scrm/shared'
import { call } from '../../../../api/client'
import { useApi } from '../../../../hooks/useApi'
import { formatShanghaiTime } from '../../../../lib/shanghaiTime'

interface ContactedButtonProps {
  customerId: string
  follows: CustomerSummary[]
}

/**
 * WeCom does not tell us a staff member replied: they say they reached the customer, which meets the
 * lead response deadline (its reminders stop). Only for the customer's own staff member.
 */
export function ContactedButton({ customerId, follows }: ContactedButtonProps) {
  const me = useApi('me')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string }>()

  if (me.status !== 'ok' || !follows.some((f) => f.staffUserId === me.data.user.id)) return null

  const markContacted = async () => {
    setBusy(true)
    setMessage(undefined)
    try {
      const { contactedAt } = await call('customerContacted', {}, { params: { id: customerId } })
      setMessage({ ok: true, text: `已记录联系（${formatShanghaiTime(contactedAt)}）` })
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='section'>
      <Button id='customer-contacted' type='primary' disabled={busy} loading={busy} onClick={markContacted}>已联系</Button>
      {message && <Text id='contacted-message' className={message.ok ? 'line muted' : 'line error'}>{message.text}</Text>}
    </View>
  )
}
