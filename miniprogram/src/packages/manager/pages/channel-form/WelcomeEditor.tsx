import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import type { AttachmentKind, ChannelDraft } from './draft'

const ATTACHMENT_CHOICES: Array<{ value: AttachmentKind; label: string }> = [
  { value: 'none', label: '无附件' },
  { value: 'link', label: '链接' },
  { value: 'miniprogram', label: '小程序' },
]

interface WelcomeEditorProps {
  draft: ChannelDraft
  onChange: (change: Partial<ChannelDraft>) => void
}

/** The welcome message WeCom sends when a customer adds staff through the channel: text and one link or mini-program card. */
export function WelcomeEditor({ draft, onChange }: WelcomeEditorProps) {
  const index = ATTACHMENT_CHOICES.findIndex((c) => c.value === draft.attachmentKind)
  return (
    <View>
      <View className='field'>
        <Text className='field-label'>欢迎语</Text>
        <Textarea id='channel-welcome' className='textarea' maxlength={4000} value={draft.welcomeText} onInput={(e) => onChange({ welcomeText: e.detail.value })} />
      </View>
      <View className='field'>
        <Text className='field-label'>欢迎语附件</Text>
        <Picker mode='selector' range={ATTACHMENT_CHOICES.map((c) => c.label)} value={index} onChange={(e) => onChange({ attachmentKind: ATTACHMENT_CHOICES[Number(e.detail.value)].value })}>
          <View id='channel-attachment-kind' className='input'>{ATTACHMENT_CHOICES[index].label}</View>
        </Picker>
      </View>
      {draft.attachmentKind !== 'none' && (
        <View>
          <View className='field'>
            <Text className='field-label'>附件标题</Text>
            <Input id='channel-attachment-title' className='input' maxlength={64} value={draft.attachmentTitle} onInput={(e) => onChange({ attachmentTitle: e.detail.value })} />
          </View>
          <View className='field'>
            <Text className='field-label'>{draft.attachmentKind === 'link' ? '链接地址' : '小程序页面路径'}</Text>
            <Input
              id='channel-attachment-target'
              className='input'
              placeholder={draft.attachmentKind === 'link' ? 'https://' : 'pages/index/index'}
              value={draft.attachmentTarget}
              onInput={(e) => onChange({ attachmentTarget: e.detail.value })}
            />
          </View>
        </View>
      )}
    </View>
  )
}
