import { Text, View } from '@tarojs/components'
import type { LowQualityInviter } from '@scrm/shared'
import { REFERRER_KIND_TEXT } from './SuspiciousRow'

/** Referrers whose invitees often leave before qualifying. */
export function InviterList({ inviters }: { inviters: LowQualityInviter[] }) {
  if (inviters.length === 0) return <Text id='inviters-empty' className='line muted'>暂无</Text>
  return (
    <View id='inviter-list' className='table'>
      <View className='table-row'>
        <Text className='table-cell-first'>邀请人</Text>
        <Text className='table-cell'>合格</Text>
        <Text className='table-cell'>流失</Text>
      </View>
      {inviters.map((inviter) => (
        <View key={`${inviter.referrerKind}:${inviter.referrerId}`} className='table-row' data-testid='inviter-row' data-inviter-name={inviter.name}>
          <Text className='table-cell-first'>
            {inviter.name}
            <Text className='badge'>{REFERRER_KIND_TEXT[inviter.referrerKind]}</Text>
          </Text>
          <Text className='table-cell'>{inviter.qualified}</Text>
          <Text className='table-cell'>{inviter.revoked}</Text>
        </View>
      ))}
    </View>
  )
}
