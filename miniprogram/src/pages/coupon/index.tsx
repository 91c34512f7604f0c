import { useCallback, useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { MyCoupon } from '@scrm/shared'
import type { ApiError } from '../../api/client'
import { CouponCard } from '../../components/CouponCard'
import { Loaded } from '../../components/Loaded'
import { useCouponUsage } from '../../hooks/useCouponUsage'
import { useCustomerApi } from '../../hooks/useCustomerApi'
import { COUPON_USAGE_LABELS, usableFromText, validUntilText, type CouponUsage } from '../../lib/coupons'
import { formatShanghaiTime } from '../../lib/shanghaiTime'
import { ExpiryReminder } from './ExpiryReminder'
import { useRedeemCode } from './useRedeemCode'

/** How long a coupon whose code was refused while it still reads valid waits before asking again. */
const RECHECK_REFUSED_MS = 10_000

/** The last code stays up while a refresh fails; the server's own (English) message is not for customers. */
const refreshFailureText = (error: ApiError) =>
  error.status === 0 ? '网络异常，券码刷新失败，稍后自动重试' : '券码刷新失败，稍后自动重试'

/** The rotating code a staff member scans (or types) at the store. */
function InStoreCode({ couponId, onNotUsable }: { couponId: string; onNotUsable: () => void }) {
  const { code, error } = useRedeemCode(couponId, onNotUsable)
  return (
    <View id='redeem-code' className='section'>
      {!code && !error && <Text className='line'>券码加载中…</Text>}
      {code && (
        <View>
          <Image id='redeem-qr' className='qr' src={code.qrImage} mode='aspectFit' />
          {/* Selectable, so the code can be copied (H5) or read out when the scanner fails. */}
          <View className='redeem-code'>
            <Text id='redeem-code-text' userSelect>{code.code}</Text>
          </View>
        </View>
      )}
      {error && <Text className='line error'>{refreshFailureText(error)}</Text>}
      <Text className='note'>到店出示此码，由店员扫码核销。券码每分钟更新一次，截图无效。</Text>
    </View>
  )
}

function CouponState({ coupon, usage, onCodeRefused }: { coupon: MyCoupon; usage: CouponUsage; onCodeRefused: () => void }) {
  switch (usage) {
    case 'used':
      return <Text id='coupon-state' className='line'>已使用{coupon.redeemedAt ? `，使用时间 ${formatShanghaiTime(coupon.redeemedAt)}` : ''}</Text>
    case 'not_yet':
      return (
        <View id='coupon-state'>
          <Text className='line'>{COUPON_USAGE_LABELS.not_yet}</Text>
          <Text id='coupon-usable-from' className='line'>{usableFromText(coupon.validFrom)}</Text>
        </View>
      )
    case 'valid':
      if (coupon.kind === 'wechatpay') return <Text className='note'>已放入微信卡包，在微信支付时自动抵扣</Text>
      return <InStoreCode couponId={coupon.id} onNotUsable={onCodeRefused} />
    default:
      return <Text id='coupon-state' className='line muted'>{COUPON_USAGE_LABELS[usage]}</Text>
  }
}

interface CouponDetailProps {
  coupon: MyCoupon
  /** The server refused this coupon's code since the page last loaded it. */
  codeRefused: boolean
  onCodeRefused: () => void
  onRecheck: () => void
}

function CouponDetail({ coupon, codeRefused, onCodeRefused, onRecheck }: CouponDetailProps) {
  const byDeviceClock = useCouponUsage(coupon)
  // Reloaded after a refusal and still valid: its period has not begun by the server's clock, which
  // this device's runs behind. The server has the last word; ask it again a little later.
  const usage = byDeviceClock === 'valid' && codeRefused ? 'not_yet' : byDeviceClock
  const waitingForServer = codeRefused && coupon.status === 'valid'
  useEffect(() => {
    if (!waitingForServer) return
    const timer = setTimeout(onRecheck, RECHECK_REFUSED_MS)
    return () => clearTimeout(timer)
  }, [waitingForServer, onRecheck])

  return (
    <View id='coupon-detail' data-status={usage}>
      <CouponCard name={coupon.name} benefit={coupon.benefit} validity={validUntilText(coupon.validTo)} badge={COUPON_USAGE_LABELS[usage]} />
      <CouponState coupon={coupon} usage={usage} onCodeRefused={onCodeRefused} />
      {(usage === 'valid' || usage === 'not_yet') && <ExpiryReminder />}
    </View>
  )
}

/** One of the customer's coupons: its in-store code while it can be used, else what became of it. */
export default function CouponPage() {
  const id = useRouter().params.id ?? ''
  const [coupons, reload] = useCustomerApi('myCoupons', undefined, id !== '')
  // Kept here, not in CouponDetail, which the reload below replaces.
  const [codeRefused, setCodeRefused] = useState(false)
  const onCodeRefused = useCallback(() => {
    setCodeRefused(true)
    reload()
  }, [reload])
  const onRecheck = useCallback(() => setCodeRefused(false), [])

  if (!id) return <Text className='page line error'>缺少优惠券参数</Text>

  return (
    <View className='page'>
      <Loaded state={coupons}>
        {({ coupons: all }) => {
          const coupon = all.find((c) => c.id === id)
          if (!coupon) return <Text className='line error'>没有找到这张优惠券</Text>
          return <CouponDetail coupon={coupon} codeRefused={codeRefused} onCodeRefused={onCodeRefused} onRecheck={onRecheck} />
        }}
      </Loaded>
    </View>
  )
}
