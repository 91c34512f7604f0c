import { useEffect, useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import type { ChannelView } from '@scrm/shared'
import { loadChannelCard, saveChannelCard } from '../../../../api/channelCard'
import { errorText } from '../../components/errorText'

type CardState = { status: 'loading' } | { status: 'ok'; image: string } | { status: 'error'; message: string }

/** The channel's contact QR, as the server renders it on the printable card. */
export function ChannelCard({ channel }: { channel: ChannelView }) {
  const [card, setCard] = useState<CardState>({ status: 'loading' })
  const [saveError, setSaveError] = useState<string>()

  useEffect(() => {
    if (!channel.qrCode) return
    let current = true
    setCard({ status: 'loading' })
    loadChannelCard(channel.id).then(
      (image) => current && setCard({ status: 'ok', image }),
      (err: unknown) => current && setCard({ status: 'error', message: errorText(err) }),
    )
    return () => {
      current = false
    }
  }, [channel.id, channel.qrCode])

  if (!channel.qrCode) return <Text className='line muted'>该渠道暂无二维码（企业微信尚未生成或渠道已归档）</Text>

  const save = async (image: string) => {
    setSaveError(undefined)
    try {
      await saveChannelCard(image, `channel-${channel.state}.png`)
    } catch (err) {
      setSaveError(errorText(err))
    }
  }

  return (
    <View id='channel-qr' className='section'>
      {card.status === 'loading' && <Text className='line'>二维码加载中…</Text>}
      {card.status === 'error' && <Text className='line error'>{card.message}</Text>}
      {card.status === 'ok' && (
        <View>
          <Image id='channel-card-image' className='card-image' src={card.image} mode='widthFix' showMenuByLongpress />
          <Button id='channel-card-download' type='primary' onClick={() => save(card.image)}>下载打印卡片</Button>
          {saveError && <Text className='line error'>{saveError}</Text>}
        </View>
      )}
      <Text className='line muted' style={{ wordBreak: 'break-all' }}>二维码地址：{channel.qrCode}</Text>
    </View>
  )
}
