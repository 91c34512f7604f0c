import { useState } from 'react'
import { Switch, Text, View } from '@tarojs/components'
import { call } from '../../api/client'
import { asCustomer } from '../../api/customerLogin'
import { Loaded } from '../../components/Loaded'
import { useCustomerApi } from '../../hooks/useCustomerApi'

function OptOutSwitch({ initial }: { initial: boolean }) {
  const [optedOut, setOptedOut] = useState(initial)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  const change = async (value: boolean) => {
    setBusy(true)
    setError(undefined)
    try {
      setOptedOut((await asCustomer(() => call('followupOptOut', { optedOut: value }))).optedOut)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View id='followup-opt-out' data-opted-out={optedOut}>
      <View className='check'>
        <Switch id='followup-opt-out-switch' checked={optedOut} disabled={busy} onChange={(e) => void change(e.detail.value)} />
        <Text>不再接收跟进消息</Text>
      </View>
      {error && <Text className='line error'>{error}</Text>}
    </View>
  )
}

/** The customer's say over follow-up messages (reminders, care after a purchase): on by default. */
export function FollowupOptOut() {
  const [state] = useCustomerApi('followupOptOutState')
  return (
    <View className='section'>
      <Loaded state={state}>{({ optedOut }) => <OptOutSwitch initial={optedOut} />}</Loaded>
    </View>
  )
}
