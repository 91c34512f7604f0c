import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { h5LinkOf } from '../../lib/pages'
import { forwardPathOf } from './tracking'

/**
 * H5 has no share menu: "转发给朋友" asks for the forward's own link (the child token, as the
 * mini-program's share does) and copies it, so a forward chain can be followed in a browser.
 */
export function ForwardLink({ token }: { token: string }) {
  const [link, setLink] = useState<string>()
  const [error, setError] = useState<string>()

  const forward = async () => {
    setError(undefined)
    try {
      const made = h5LinkOf(await forwardPathOf(token))
      setLink(made)
      await Taro.setClipboardData({ data: made }).catch(() => undefined)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    }
  }

  return (
    <View className='section'>
      <Button id='material-forward' className='line' onClick={forward}>转发给朋友</Button>
      {link && (
        <View className='card'>
          <Text className='line muted'>链接已复制，发给朋友即可：</Text>
          <Text id='forward-link' className='line' style={{ wordBreak: 'break-all' }}>{link}</Text>
        </View>
      )}
      {error && <Text className='line error'>{error}</Text>}
    </View>
  )
}
