import { Picker, Text, View } from '@tarojs/components'
import type { FieldIssue } from '../../components/errorText'
import { FieldError } from '../../components/FieldError'
import { TextField } from '../../components/TextField'
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
        <TextField id='stock-amount' label='减免金额（元）' type='digit' value={draft.amountYuan} onInput={(amountYuan) => onChange({ amountYuan })} issues={issues} path='benefit.amountFen' />
      )}
      {draft.benefitKind === 'percent_off' && (
        <TextField id='stock-percent' label='优惠比例（%）' type='number' value={draft.percentOff} onInput={(percentOff) => onChange({ percentOff })} issues={issues} path='benefit.percentOff'>
          {percent >= 1 && percent <= 99 && <Text className='muted'>即 {(100 - percent) / 10} 折</Text>}
        </TextField>
      )}
      {draft.benefitKind === 'gift' ? (
        <TextField id='stock-gift' label='赠品' maxlength={64} value={draft.gift} onInput={(gift) => onChange({ gift })} issues={issues} path='benefit.gift' />
      ) : (
        <TextField id='stock-min-spend' label='使用门槛（满多少元可用，留空为无门槛）' type='digit' value={draft.minSpendYuan} onInput={(minSpendYuan) => onChange({ minSpendYuan })} issues={issues} path='benefit.minSpendFen' />
      )}
    </View>
  )
}
