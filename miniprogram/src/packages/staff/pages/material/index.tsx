import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import type { ShareView } from '@scrm/shared'
import { Loaded } from '../../../../components/Loaded'
import { MaterialBody } from '../../../../components/MaterialBody'
import { useReloadableApi } from '../../../../hooks/useApi'
import { MATERIAL_KIND_LABELS } from '../../../../lib/materials'
import { ScriptList } from './ScriptList'
import { ShareActions } from './ShareActions'

/** One material as staff share it: its content, the suggested scripts, and the share buttons. */
export default function StaffMaterial() {
  const id = useRouter().params.id ?? ''
  const [material] = useReloadableApi('materialGet', { params: { id } }, id !== '')
  const [cardShare, setCardShare] = useState<ShareView>()

  // Only the "发送给客户" button shares, and it shares the tracked card: WeChat's own menu would
  // send this staff page, which means nothing to a customer.
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') void Taro.hideShareMenu()
  }, [])
  useShareAppMessage(() => (cardShare ? { title: cardShare.title, path: `/${cardShare.path}`, imageUrl: cardShare.coverUrl ?? undefined } : {}))

  if (!id) return <Text className='page line error'>缺少素材参数</Text>

  return (
    <View className='page'>
      <Loaded state={material}>
        {(view) => (
          <View id='staff-material'>
            <Text id='material-title' className='page-title'>{view.title}</Text>
            <Text className='line muted'>
              {MATERIAL_KIND_LABELS[view.kind]} · {view.category} · 第 {view.version} 版
            </Text>
            {view.summary && <Text className='note'>{view.summary}</Text>}
            <ScriptList scripts={view.scripts} />
            <ShareActions materialId={view.id} onCard={setCardShare} />
            <Text className='section-title'>内容预览</Text>
            <MaterialBody content={view.content} />
          </View>
        )}
      </Loaded>
    </View>
  )
}
