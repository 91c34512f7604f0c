import { Image, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { MyCoupon } from '@scrm/shared'
import { CouponCard } from '../../components/CouponCard'
import { Loaded } from '../../components/Loaded'
import { useCustomerApi } from '../../hooks/useCustomerApi'
import { COUPON_STATUS_LABELS, validUntilText } from '../../lib/coupons'
import { formatShanghaiTime } from '../../lib/shanghaiTime'
import { useRedeemCode } from './useRedeemCode'

/** The rotating code a staff member scans (or types) at the store. */
function InStoreCode({ couponId }: { couponId: string }) {
  const { code, error } = useRedeemCode(couponId)
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
      {error && <Text className='line error'>券码刷新失败：{error.message}</Text>}
      <Text className='note'>到店出示此码，由店员扫码核销。券码每分钟更新一次，截图无效。</Text>
    </View>
  )
}

function CouponState({ coupon }: { coupon: MyCoupon }) {
  if (coupon.status === 'used') {
    return <Text className='line'>已于 {coupon.redeemedAt ? formatShanghaiTime(coupon.redeemedAt) : '—'} 使用</Text>
  }
  if (coupon.status !== 'valid') return <Text className='line muted'>{COUPON_STATUS_LABELS[coupon.status]}</Text>
  if (coupon.kind === 'wechatpay') return <Text className='note'>已放入微信卡包，在微信支付时自动抵扣</Text>
  return <InStoreCode couponId={coupon.id} />
}

/** One of the customer's coupons: its in-store code while it can be used. */
export default function CouponPage() {
  const id = useRouter().params.id ?? ''
  const [coupons] = useCustomerApi('myCoupons', undefined, id !== '')

  if (!id) return <Text className='page line error'>缺少优惠券参数</Text>

  return (
    <View className='page'>
      <Loaded state={coupons}>
        {({ coupons: all }) => {
          const coupon = all.find((c) => c.id === id)
          if (!coupon) return <Text className='line error'>没有找到这张优惠券</Text>
          return (
            <View id='coupon-detail' data-status={coupon.status}>
              <CouponCard name={coupon.name} benefit={coupon.benefit} validity={validUntilText(coupon.validTo)} badge={COUPON_STATUS_LABELS[coupon.status]} />
              <CouponState coupon={coupon} />
            </View>
          )
        }}
      </Loaded>
    </View>
  )
}
