import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { CustomerSummary } from '@scrm/shared'
import { call } from '../../../../api/client'
import { useApi, useReloadableApi } from '../../../../hooks/useApi'
import { formatShanghaiTime } from '../../../../lib/shanghaiTime'

interface CustomerReassignProps {
  customerId: string
  follows: CustomerSummary[]
}

/**
 * Managers hand a customer nobody answered to another staff member (WeCom's 在职继承: WeCom moves
 * them 24 hours later, unless they refuse). Only for managers, and only while someone follows them.
 */
export function CustomerReassign({ customerId, follows }: CustomerReassignProps) {
  const me = useApi('me')
  const isManager = me.status === 'ok' && me.data.user.role === 'manager'
  const [staff] = useReloadableApi('staffList', undefined, isManager)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string }>()

  const following = follows.filter((f) => f.status === 'active' || f.status === 'pending').map((f) => f.staffUserId)
  if (!isManager || following.length === 0 || staff.status !== 'ok') return null
  const candidates = staff.data.staff.filter((s) => s.status === 'active' && !following.includes(s.userid))

  const reassign = async (userid: string, name: string) => {
    setBusy(true)
    setMessage(undefined)
    try {
      const { takeoverAt } = await call('customerReassign', { staffUserId: userid }, { params: { id: customerId } })
      setMessage({ ok: true, text: `已申请改派给${name}，企业微信将于 ${formatShanghaiTime(takeoverAt)} 完成转接` })
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View id='customer-reassign' className='section'>
      <Text className='section-title'>改派给</Text>
      <View className='line'>
        {candidates.map((s) => (
          <Button key={s.userid} size='mini' data-userid={s.userid} disabled={busy} onClick={() => reassign(s.userid, s.name)}>
            {s.name}
          </Button>
        ))}
      </View>
      {message && <Text id='reassign-message' className={message.ok ? 'line muted' : 'line error'}>{message.text}</Text>}
    </View>
  )
}
