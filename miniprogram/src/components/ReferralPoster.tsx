import { useEffect, useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import { saveImage } from '../api/authorizedImage'
import { loadReferralPoster, shareReferralPoster } from '../api/referralPoster'

type PosterState = { status: 'loading' } | { status: 'ok'; image: string } | { status: 'error'; message: string }

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/** Closing the share sheet rejects too ("showShareImageMenu:fail cancel"): nothing to report then. */
const cancelled = (err: unknown): boolean => {
  const errMsg = (err as { errMsg?: unknown } | undefined)?.errMsg
  return typeof errMsg === 'string' && errMsg.includes('cancel')
}

interface ReferralPosterProps {
  campaignId: string
  code: string
  /** Staff share the poster through WeChat's share sheet; customers save it to their album. */
  share?: boolean
}

/** The signed-in member's invite code and share poster, with how to keep the poster on this platform. */
export function ReferralPoster({ campaignId, code, share = false }: ReferralPosterProps) {
  const [poster, setPoster] = useState<PosterState>({ status: 'loading' })
  const [saveError, setSaveError] = useState<string>()

  useEffect(() => {
    let current = true
    setPoster({ status: 'loading' })
    loadReferralPoster(campaignId).then(
      (image) => current && setPoster({ status: 'ok', image }),
      (err: unknown) => current && setPoster({ status: 'error', message: messageOf(err) }),
    )
    return () => {
      current = false
    }
  }, [campaignId])

  const keep = async (image: string) => {
    setSaveError(undefined)
    const fileName = `invite-${code}.png`
    try {
      await (share ? shareReferralPoster(image, fileName) : saveImage(image, fileName))
    } catch (err) {
      if (!cancelled(err)) setSaveError(messageOf(err))
    }
  }

  return (
    <View id='referral-card' className='section'>
      <Text className='field-label'>我的邀请码</Text>
      <Text id='referral-code' className='redeem-code'>{code}</Text>
      {poster.status === 'loading' && <Text className='line'>海报生成中…</Text>}
      {poster.status === 'error' && <Text className='line error'>{poster.message}</Text>}
      {poster.status === 'ok' && (
        <View>
          <Image id='referral-poster' className='card-image' src={poster.image} mode='widthFix' showMenuByLongpress />
          {process.env.TARO_ENV === 'h5' ? (
            <Text className='line muted'>长按保存海报，发给好友</Text>
          ) : (
            <Button id='referral-poster-save' type='primary' onClick={() => keep(poster.image)}>
              {share ? '分享海报' : '保存海报'}
            </Button>
          )}
          {saveError && <Text className='line error'>{saveError}</Text>}
        </View>
      )}
    </View>
  )
}
