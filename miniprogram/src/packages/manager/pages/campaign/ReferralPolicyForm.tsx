import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import type { ReferralPolicyInput, ReferralPolicyView } from '@scrm/shared'
import { call } from '../../../../api/client'
import { Loaded } from '../../../../components/Loaded'
import { useApi } from '../../../../hooks/useApi'
import type { FieldIssue } from '../../components/errorText'
import { FieldError } from '../../components/FieldError'
import { SubmitFeedback } from '../../components/SubmitFeedback'
import { useSubmit, type Checked } from '../../components/useSubmit'

type PolicyField = 'qualifyDays' | 'inviterHourlyLimit' | 'burstLimit' | 'inviteCap'

/** The policy as typed: numbers stay text until saved; an empty invite cap means none. */
type PolicyDraft = Record<PolicyField, string>

const FIELDS: Array<{ field: PolicyField; label: string; placeholder?: string }> = [
  { field: 'qualifyDays', label: '合格天数（好友添加顾问满几天后计入，1–90）' },
  { field: 'inviterHourlyLimit', label: '每人每小时邀请上限（超出的邀请不计入）' },
  { field: 'burstLimit', label: '同IP/设备10分钟内上限（达到即标记为可疑，至少 2）' },
  { field: 'inviteCap', label: '每位客户邀请上限（留空为不限）', placeholder: '不限' },
]

const FIELD_NAMES = FIELDS.map((f) => f.field)

const draftOf = (view: ReferralPolicyView): PolicyDraft => ({
  qualifyDays: String(view.qualifyDays),
  inviterHourlyLimit: String(view.inviterHourlyLimit),
  burstLimit: String(view.burstLimit),
  inviteCap: view.inviteCap === null ? '' : String(view.inviteCap),
})

/** Whole numbers only; the ranges are the server's to judge, and its answer names the field. */
function policyInput(draft: PolicyDraft): Checked<ReferralPolicyInput> {
  const issues: FieldIssue[] = []
  const whole = (field: PolicyField): number => {
    const text = draft[field].trim()
    if (!/^\d+$/.test(text)) issues.push({ path: field, message: '请填写整数' })
    return Number(text)
  }
  const input: ReferralPolicyInput = {
    qualifyDays: whole('qualifyDays'),
    inviterHourlyLimit: whole('inviterHourlyLimit'),
    burstLimit: whole('burstLimit'),
    inviteCap: draft.inviteCap.trim() === '' ? null : whole('inviteCap'),
  }
  return issues.length > 0 ? { issues } : { input }
}

function PolicyFields({ campaignId, initial }: { campaignId: string; initial: ReferralPolicyView }) {
  const [draft, setDraft] = useState<PolicyDraft>(() => draftOf(initial))
  const { submit, saving, issues, message } = useSubmit()

  const save = () =>
    submit(policyInput(draft), (input) => call('referralPolicySet', input, { params: { id: campaignId } }), (saved) => {
      setDraft(draftOf(saved))
      return '邀请规则已保存'
    })

  return (
    <View id='referral-policy-form'>
      {FIELDS.map(({ field, label, placeholder }) => (
        <View key={field} className='field'>
          <Text className='field-label'>{label}</Text>
          <Input
            id={`policy-${field}`}
            className='input'
            type='number'
            placeholder={placeholder}
            value={draft[field]}
            onInput={(e) => setDraft((d) => ({ ...d, [field]: e.detail.value }))}
          />
          <FieldError issues={issues} path={field} />
        </View>
      ))}
      <Button id='policy-save' type='primary' disabled={saving} loading={saving} onClick={save}>保存邀请规则</Button>
      <SubmitFeedback id='policy-message' issues={issues} shownPaths={FIELD_NAMES} message={message} />
    </View>
  )
}

/** How referrals of a campaign qualify and the anti-fraud limits (managers). */
export function ReferralPolicyForm({ campaignId }: { campaignId: string }) {
  const policy = useApi('referralPolicyGet', { params: { id: campaignId } })
  return <Loaded state={policy}>{(view) => <PolicyFields campaignId={campaignId} initial={view} />}</Loaded>
}
