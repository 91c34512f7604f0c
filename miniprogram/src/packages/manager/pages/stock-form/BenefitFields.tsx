import { Input, Picker, Text, View } from '@tarojs/components'
import type { FieldIssue } from '../../components/errorText'
import { FieldError } from '../../components/FieldError'
import { BENEFIT_KIND_LABELS, type BenefitKind, type StockDraft } from './draft'

const KINDS = Object.keys(BENEFIT_KIND_LABELS) as BenefitKind[]

interface BenefitFieldsProps {
  draft: StockDraft
  issues: FieldIssue[]
  onChange: (change: Partial<StockDraft>) => void
}

/** What the coupon gives: an amount off (in 元), a percentage off, or a gift. WeChat Pay coupons are amounts off only. */
export function BenefitFields({ draft, issues, onChange }: BenefitFieldsProps) {
  const index = Math.max(0, KINDS.indexOf(draft.benefitKind))
  const percent = Number(draft.percentOff)
  return (
    <View>
      <View className='field'>
        <Text className='field-label'>优惠方式</Text>
        {draft.kind === 'wechatpay' ? (
          <Text className='muted'>微信支付券只支持满减</Text>
        ) : (
          <Picker mode='selector' range={KINDS.map((k) => BENEFIT_KIND_LABELS[k])} value={index} onChange={(e) => onChange({ benefitKind: KINDS[Number(e.detail.value)] })}>
            <View id='stock-benefit-kind' className='input'>{BENEFIT_KIND_LABELS[draft.benefitKind]}</View>
          </Picker>
        )}
        <FieldError issues={issues} path='benefit.kind' />
      </View>
      {draft.benefitKind === 'amount_off' && (
        <View className='field'>
          <Text className='field-label'>减免金额（元）</Text>
          <Input id='stock-amount' className='input' type='digit' value={draft.amountYuan} onInput={(e) => onChange({ amountYuan: e.detail.value })} />
          <FieldError issues={issues} path='benefit.amountFen' />
        </View>
      )}
      {draft.benefitKind === 'percent_off' && (
        <View className='field'>
          <Text className='field-label'>优惠比例（%）</Text>
          <Input id='stock-percent' className='input' type='number' value={draft.percentOff} onInput={(e) => onChange({ percentOff: e.detail.value })} />
          {percent >= 1 && percent <= 99 && <Text className='muted'>即 {(100 - percent) / 10} 折</Text>}
          <FieldError issues={issues} path='benefit.percentOff' />
        </View>
      )}
      {draft.benefitKind === 'gift' ? (
        <View className='field'>
          <Text className='field-label'>赠品</Text>
          <Input id='stock-gift' className='input' maxlength={64} value={draft.gift} onInput={(e) => onChange({ gift: e.detail.value })} />
          <FieldError issues={issues} path='benefit.gift' />
        </View>
      ) : (
        <View className='field'>
          <Text className='field-label'>使用门槛（满多少元可用，留空为无门槛）</Text>
          <Input id='stock-min-spend' className='input' type='digit' value={draft.minSpendYuan} onInput={(e) => onChange({ minSpendYuan: e.detail.value })} />
          <FieldError issues={issues} path='benefit.minSpendFen' />
        </View>
      )}
    </View>
  )
}
