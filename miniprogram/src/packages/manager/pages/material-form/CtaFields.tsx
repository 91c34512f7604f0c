import { Input, Text, View } from '@tarojs/components'
import type { FieldIssue } from '../../components/errorText'
import { FieldError } from '../../components/FieldError'
import type { CtaKind, MaterialDraft } from './draft'

const CTA_CHOICES: Array<{ kind: CtaKind; label: string; target?: string }> = [
  { kind: 'none', label: '无' },
  { kind: 'claim_coupon', label: '领取优惠券', target: '优惠券批次 ID' },
  { kind: 'add_staff', label: '添加顾问', target: '渠道参数 state（客户添加的是该渠道的顾问）' },
]

interface CtaFieldsProps {
  draft: MaterialDraft
  issues: FieldIssue[]
  onChange: (patch: Partial<MaterialDraft>) => void
}

/** What a customer is called to do from the material: claim a coupon, or add an adviser. */
export function CtaFields({ draft, issues, onChange }: CtaFieldsProps) {
  const chosen = CTA_CHOICES.find((c) => c.kind === draft.ctaKind) ?? CTA_CHOICES[0]
  return (
    <View className='field'>
      <Text className='field-label'>行动按钮</Text>
      <View className='tabs'>
        {CTA_CHOICES.map((c) => (
          <Text key={c.kind} id={`cta-${c.kind}`} className={c.kind === draft.ctaKind ? 'tab tab-active' : 'tab'} onClick={() => onChange({ ctaKind: c.kind })}>
            {c.label}
          </Text>
        ))}
      </View>
      {chosen.target && (
        <View>
          <Text className='field-label'>{chosen.target}</Text>
          <Input id='cta-target' className='input' maxlength={36} value={draft.ctaTarget} onInput={(e) => onChange({ ctaTarget: e.detail.value })} />
          <Text className='field-label'>按钮文字（可选）</Text>
          <Input id='cta-label' className='input' maxlength={20} placeholder={chosen.label} value={draft.ctaLabel} onInput={(e) => onChange({ ctaLabel: e.detail.value })} />
        </View>
      )}
      <FieldError issues={issues} path='callToAction' />
    </View>
  )
}
