import { useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { saveImage, shareImage } from '../api/authorizedImage'
import { useLoader } from '../hooks/useApi'

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/** Closing the share sheet rejects too ("showShareImageMenu:fail cancel"): nothing to report then. */
const cancelled = (err: unknown): boolean => {
  const errMsg = (err as { errMsg?: unknown } | undefined)?.errMsg
  return typeof errMsg === 'string' && errMsg.includes('cancel')
}

interface PosterImageProps {
  /** The image's id; its button is `${id}-save`. */
  id: string
  /** Draws the poster (`loadAuthorizedImage`); loaded again when `posterKey` changes. */
  load: () => Promise<string>
  posterKey: string
  fileName: string
  /** Staff share the poster through WeChat's share sheet; customers save it to their album. */
  share?: boolean
}

/** A poster our API draws, with how to keep it on this platform: long press in H5, a button in the mini-program. */
export function PosterImage({ id, load, posterKey, fileName, share = false }: PosterImageProps) {
  const [poster] = useLoader(load, posterKey)
  const [saveError, setSaveError] = useState<string>()

  const keep = async (image: string) => {
    setSaveError(undefined)
    try {
      await (share ? shareImage(image, fileName) : saveImage(image, fileName))
    } catch (err) {
      if (!cancelled(err)) setSaveError(messageOf(err))
    }
  }

  if (poster.status === 'loading') return <Text className='line'>海报生成中…</Text>
  if (poster.status === 'error') return <Text className='line error'>{poster.error.message}</Text>
  const image = poster.data
  return (
    <View>
      <Image id={id} className='card-image' src={image} mode='widthFix' showMenuByLongpress onClick={() => void Taro.previewImage({ urls: [image] })} />
      {process.env.TARO_ENV === 'h5' ? (
        <Text className='line muted'>长按保存海报，发给好友</Text>
      ) : (
        <Button id={`${id}-save`} type='primary' onClick={() => keep(image)}>
          {share ? '分享海报' : '保存海报'}
        </Button>
      )}
      {saveError && <Text className='line error'>{saveError}</Text>}
    </View>
  )
}
