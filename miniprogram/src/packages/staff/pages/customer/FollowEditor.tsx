import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import type { CustomerSummary } from '@scrm/shared'
import { call } from '../../../../api/client'

interface FollowEditorProps {
  customerId: string
  follow: CustomerSummary
  onSaved: () => void
}

const splitTags = (text: string) =>
  text
    .split(/[,，\s]+/)
    .map((t) => t.trim())
    .filter(Boolean)

/** The staff member's remark and tags for this customer; tags are synced to WeCom by the server. */
export function FollowEditor({ customerId, follow, onSaved }: FollowEditorProps) {
  const [remark, setRemark] = useState(follow.remark ?? '')
  const [tags, setTags] = useState(follow.tags.join(', '))
  const [saving, setSaving] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string }>()

  const save = async () => {
    setSaving(true)
    setMessage(undefined)
    try {
      await call(
        'customerFollowEdit',
        { remark: remark.trim() || null, tags: splitTags(tags), staffUserId: follow.staffUserId },
        { params: { id: customerId } },
      )
      setMessage({ ok: true, text: '已保存' })
      onSaved()
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) })
    } finally {
      setSaving(false)
    }
  }

  return (
    <View id='follow-editor' className='section'>
      <View className='field'>
        <Text className='field-label'>备注</Text>
        <Input id='follow-remark' className='input' maxlength={64} value={remark} onInput={(e) => setRemark(e.detail.value)} />
      </View>
      <View className='field'>
        <Text className='field-label'>标签（标签 ID，逗号分隔）</Text>
        <Input id='follow-tags' className='input' value={tags} onInput={(e) => setTags(e.detail.value)} />
      </View>
      <Button id='follow-save' type='primary' disabled={saving} loading={saving} onClick={save}>保存</Button>
      {message && <Text className={message.ok ? 'line muted' : 'line error'}>{message.text}</Text>}
    </View>
  )
}
