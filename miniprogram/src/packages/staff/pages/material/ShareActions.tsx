import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ShareChannel, ShareView } from '@scrm/shared'
import { call } from '../../../../api/client'
import { loadSharePoster } from '../../../../api/materialShares'
import { PosterImage } from '../../../../components/PosterImage'
import { h5LinkOf } from '../../../../lib/pages'

type StaffShareChannel = Exclude<ShareChannel, 'forward'>

type ShareState = { status: 'idle' } | { status: 'working' } | { status: 'ok'; channel: StaffShareChannel; share: ShareView } | { status: 'error'; message: string }

/** A card share: sent through WeChat's share (the page's share handler reads it); in H5, a link to copy. */
function CardShare({ share }: { share: ShareView }) {
  if (process.env.TARO_ENV !== 'h5') {
    return (
      <Button id='share-send' type='primary' openType='share'>
        发送给客户
      </Button>
    )
  }
  const link = h5LinkOf(share.path)
  return (
    <View className='card'>
      <Text className='line muted'>分享链接（带有你的追踪码）：</Text>
      <Text id='share-link' className='line' style={{ wordBreak: 'break-all' }} data-token={share.token}>{link}</Text>
      <Button id='share-copy' size='mini' onClick={() => void Taro.setClipboardData({ data: link })}>复制链接</Button>
    </View>
  )
}

/**
 * Shares the material as a mini-program card or a poster: each makes (or finds) the staff member's
 * tracked share of the current version on that channel. `onCard` hands the card's share to the
 * page, whose share handler sends it.
 */
export function ShareActions({ materialId, onCard }: { materialId: string; onCard: (share: ShareView) => void }) {
  const [state, setState] = useState<ShareState>({ status: 'idle' })

  const shareAs = async (channel: StaffShareChannel) => {
    setState({ status: 'working' })
    try {
      const share = await call('shareCreate', { channel }, { params: { id: materialId } })
      if (channel === 'card') onCard(share)
      setState({ status: 'ok', channel, share })
    } catch (err) {
      setState({ status: 'error', message: err instanceof Error ? err.message : String(err) })
    }
  }

  return (
    <View id='share-actions' className='section'>
      <Text className='section-title'>分享</Text>
      <View className='actions'>
        <Button id='share-card' disabled={state.status === 'working'} onClick={() => shareAs('card')}>分享卡片</Button>
        <Button id='share-poster' disabled={state.status === 'working'} onClick={() => shareAs('poster')}>生成海报</Button>
      </View>
      {state.status === 'error' && <Text className='line error'>{state.message}</Text>}
      {state.status === 'ok' && state.channel === 'card' && <CardShare share={state.share} />}
      {state.status === 'ok' && state.channel === 'poster' && (
        <PosterImage id='share-poster-image' load={() => loadSharePoster(state.share.token)} posterKey={state.share.token} fileName={`material-${state.share.token}.png`} share />
      )}
    </View>
  )
}
