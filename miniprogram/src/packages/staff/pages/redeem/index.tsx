import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Redemption } from '@scrm/shared'
import { call } from '../../../../api/client'
import { benefitText, REDEEM_REFUSALS, refusalText } from '../../../../lib/coupons'
import { formatShanghaiTime } from '../../../../lib/shanghaiTime'

const STORE_STORAGE_KEY = 'scrm.redeem.store'

const savedStore = (): string => {
  const store: unknown = Taro.getStorageSync(STORE_STORAGE_KEY)
  return typeof store === 'string' ? store : ''
}

type Outcome = { status: 'working' } | { status: 'ok'; redemption: Redemption } | { status: 'error'; message: string }

function RedemptionCard({ redemption }: { redemption: Redemption }) {
  return (
    <View id='redemption' className='card'>
      <Text className='line'>核销成功</Text>
      <Text id='redemption-stock' className='line'>{redemption.stockName}</Text>
      <Text id='redemption-benefit' className='coupon-benefit'>{benefitText(redemption.benefit)}</Text>
      <Text className='line muted'>顾客：{redemption.customerName ?? '未知顾客'}</Text>
      <Text className='line muted'>门店：{redemption.store}</Text>
      <Text className='line muted'>时间：{formatShanghaiTime(redemption.redeemedAt)} · 员工 {redemption.staffUserId}</Text>
    </View>
  )
}

/**
 * A staff member redeems a customer's coupon at the store: scans the code in the mini-program, or
 * types it (the code under the customer's QR) in H5 or when the camera cannot read it.
 */
export default function RedeemPage() {
  const [store, setStore] = useState(savedStore)
  const [code, setCode] = useState('')
  const [outcome, setOutcome] = useState<Outcome>()

  const redeem = async (scanned: string) => {
    if (!store.trim()) return setOutcome({ status: 'error', message: '请先填写门店名称' })
    if (!scanned.trim()) return setOutcome({ status: 'error', message: '请输入券码' })
    Taro.setStorageSync(STORE_STORAGE_KEY, store.trim())
    setOutcome({ status: 'working' })
    try {
      const { redemption } = await call('couponRedeem', { code: scanned.trim(), store: store.trim() })
      setCode('')
      setOutcome({ status: 'ok', redemption })
    } catch (err) {
      setOutcome({ status: 'error', message: refusalText(err, REDEEM_REFUSALS) })
    }
  }

  const scan = async () => {
    let scanned: string
    try {
      scanned = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result
    } catch (err) {
      // Closing the scanner rejects too ("scanCode:fail cancel"): nothing to report then.
      const errMsg = (err as { errMsg?: unknown } | undefined)?.errMsg
      if (!(typeof errMsg === 'string' && errMsg.includes('cancel'))) setOutcome({ status: 'error', message: '扫码失败，请重试或手动输入券码' })
      return
    }
    await redeem(scanned)
  }

  const working = outcome?.status === 'working'
  return (
    <View className='page'>
      <Text className='page-title'>核销</Text>
      <View className='field'>
        <Text className='field-label'>门店</Text>
        <Input id='redeem-store' className='input' maxlength={64} placeholder='门店名称' value={store} onInput={(e) => setStore(e.detail.value)} />
      </View>
      {process.env.TARO_ENV !== 'h5' && (
        <Button id='redeem-scan' type='primary' className='line' disabled={working} onClick={scan}>扫码核销</Button>
      )}
      <View className='field'>
        <Text className='field-label'>券码</Text>
        <Input id='redeem-code-input' className='input' maxlength={200} placeholder='粘贴或输入顾客券码' value={code} onInput={(e) => setCode(e.detail.value)} />
      </View>
      <Button id='redeem-submit' disabled={working} loading={working} onClick={() => redeem(code)}>核销</Button>
      {outcome?.status === 'ok' && <RedemptionCard redemption={outcome.redemption} />}
      {outcome?.status === 'error' && <Text id='redeem-error' className='line error'>{outcome.message}</Text>}
    </View>
  )
}
