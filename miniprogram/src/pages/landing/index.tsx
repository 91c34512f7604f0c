import { useEffect, useRef, useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { LandingContact } from '@scrm/shared'
import { call } from '../../api/client'
import { loginCustomer } from '../../api/customerLogin'
import { BrokenLink } from '../../components/BrokenLink'
import { Loaded } from '../../components/Loaded'
import { useReloadableApi } from '../../hooks/useApi'
import { routeParam } from '../../lib/pages'
import { CouponOffers } from './CouponOffers'

type ContactState =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'ok'; contact: LandingContact }
  | { status: 'error'; message: string }

/** A QR code or mini-program code carries the channel's state as `scene`; links carry `state`. */
const channelState = (params: Partial<Record<string, string>>): string => routeParam(params.state ?? params.scene)

/**
 * Where a customer lands from a channel (its QR code, or the welcome card's page): who the channel
 * is, the coupons it offers, then their own adviser's contact QR.
 */
export default function Landing() {
  const state = channelState(useRouter().params)
  const [landing] = useReloadableApi('landingGet', { params: { state } }, state !== '')
  const [contact, setContact] = useState<ContactState>({ status: 'idle' })
  // The sandbox's contact QR URLs point at WeCom's image host, which has no such picture.
  const [qrBroken, setQrBroken] = useState(false)

  // The login this visit started; a claim tapped meanwhile waits for it instead of logging in again.
  const login = useRef<Promise<void>>(Promise.resolve())

  const requestContact = async () => {
    setContact({ status: 'working' })
    try {
      login.current = loginCustomer()
      await login.current
      setContact({ status: 'ok', contact: await call('landingContact', undefined, { params: { state } }) })
    } catch (err) {
      setContact({ status: 'error', message: err instanceof Error ? err.message : String(err) })
    }
  }

  const live = landing.status === 'ok' && landing.data.live
  useEffect(() => {
    // The customer came to add an adviser: start right away, once the channel is known to be live.
    if (live && contact.status === 'idle') void requestContact()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live])

  if (!state) return <BrokenLink reason='链接缺少渠道参数' />

  return (
    <View id='landing' className='page'>
      <Loaded state={landing}>
        {(view) => (
          <View>
            <Text id='landing-channel' className='page-title'>{view.channel.name}</Text>
            <Text id='landing-campaign' className='line muted'>{view.channel.campaignName}</Text>
            {!view.live && <Text className='line error'>该活动已结束</Text>}
          </View>
        )}
      </Loaded>
      <CouponOffers state={state} loggedIn={() => login.current} />
      {contact.status === 'working' && <Text className='line'>正在为你分配专属顾问…</Text>}
      {contact.status === 'error' && (
        <View>
          <Text className='line error'>{contact.message}</Text>
          <Button onClick={requestContact}>重试</Button>
        </View>
      )}
      {contact.status === 'ok' && (
        <View id='landing-contact' className='card'>
          <Text className='line'>
            你的专属顾问：<Text id='landing-staff-name'>{contact.contact.staffName}</Text>
          </Text>
          <Image id='landing-qr' className='qr' src={contact.contact.qrCode} mode='aspectFit' showMenuByLongpress onError={() => setQrBroken(true)} />
          {qrBroken && <Text className='line muted' style={{ wordBreak: 'break-all' }}>二维码图片加载失败：{contact.contact.qrCode}</Text>}
          <Text className='line'>长按识别二维码添加专属顾问</Text>
        </View>
      )}
    </View>
  )
}
