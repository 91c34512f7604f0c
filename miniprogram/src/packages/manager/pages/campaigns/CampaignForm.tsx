import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { call } from '../../../../api/client'
import { fenToYuan, yuanToFen } from '../../../../lib/money'
import { shanghaiDayEnd, shanghaiDayStart, shanghaiToday } from '../../../../lib/shanghaiTime'
import { DateRange } from '../../components/DateRange'
import { errorText } from '../../components/errorText'

/** Creates a campaign: a name, a period and a budget in yuan (stored in fen). */
export function CampaignForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('')
  const [period, setPeriod] = useState({ from: shanghaiToday(), to: shanghaiToday(30) })
  const [budget, setBudget] = useState('')
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string>()

  const create = async () => {
    const budgetFen = yuanToFen(budget)
    if (!name.trim()) return setError('请填写活动名称')
    if (budgetFen === null) return setError('预算请填写金额（元，最多两位小数）')
    if (period.to < period.from) return setError('结束日期不能早于开始日期')
    setSaving(true)
    setError(undefined)
    try {
      await call('campaignCreate', { name: name.trim(), startsAt: shanghaiDayStart(period.from), endsAt: shanghaiDayEnd(period.to), budgetFen })
      setName('')
      setBudget('')
      onCreated()
    } catch (err) {
      setError(errorText(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <View id='campaign-form' className='card'>
      <Text className='section-title'>新建活动</Text>
      <View className='field'>
        <Text className='field-label'>活动名称</Text>
        <Input id='campaign-name' className='input' maxlength={64} value={name} onInput={(e) => setName(e.detail.value)} />
      </View>
      <DateRange from={period.from} to={period.to} onChange={setPeriod} />
      <View className='field'>
        <Text className='field-label'>预算（元）</Text>
        <Input id='campaign-budget' className='input' type='digit' value={budget} onInput={(e) => setBudget(e.detail.value)} />
        {yuanToFen(budget) !== null && budget !== '' && <Text className='muted'>合 {fenToYuan(yuanToFen(budget) ?? 0)} 元</Text>}
      </View>
      <Button id='campaign-create' type='primary' disabled={saving} loading={saving} onClick={create}>创建活动</Button>
      {error && <Text className='line error'>{error}</Text>}
    </View>
  )
}
