import { useState } from 'react'
import { Button } from '@tarojs/components'
import Taro from '@tarojs/taro'

/** Copies a script to the clipboard, to paste into the WeCom chat; says so once done. */
export function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    await Taro.setClipboardData({ data: text })
    setCopied(true)
  }
  return (
    <Button size='mini' data-testid='script-copy' onClick={() => void copy()}>
      {copied ? '已复制' : '复制'}
    </Button>
  )
}
