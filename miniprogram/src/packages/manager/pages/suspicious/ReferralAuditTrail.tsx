import { Text, View } from '@tarojs/components'
import { Loaded } from '../../../../components/Loaded'
import { useApi } from '../../../../hooks/useApi'
import { REFERRAL_AUDIT_ACTION_TEXT } from '../../../../lib/referrals'
import { formatShanghaiTime } from '../../../../lib/shanghaiTime'

/** What happened to one referral, oldest first: flagged, then voided or cleared, with who and why. */
export function ReferralAuditTrail({ referralId }: { referralId: string }) {
  const audit = useApi('referralAudit', { params: { id: referralId } })
  return (
    <View className='section' data-testid='referral-audit' data-referral-id={referralId}>
      <Loaded state={audit}>
        {({ entries }) => (
          <View>
            {entries.length === 0 && <Text className='line muted'>暂无处理记录</Text>}
            {entries.map((entry, i) => (
              <Text key={i} className='line muted' data-testid='audit-entry' data-action={entry.action}>
                {formatShanghaiTime(entry.at)} · {REFERRAL_AUDIT_ACTION_TEXT[entry.action]} · {entry.actor}：{entry.reason}
              </Text>
            ))}
          </View>
        )}
      </Loaded>
    </View>
  )
}
