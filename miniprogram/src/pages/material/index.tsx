import { Text, View } from '@tarojs/components'
import { useRouter, useShareAppMessage } from '@tarojs/taro'
import { materialAssetUrl } from '../../api/materialAssets'
import { BrokenLink } from '../../components/BrokenLink'
import { Loaded } from '../../components/Loaded'
import { MaterialBody } from '../../components/MaterialBody'
import { useReloadableApi } from '../../hooks/useApi'
import { routeParam } from '../../lib/pages'
import { ForwardLink } from './ForwardLink'
import { MaterialCta } from './MaterialCta'
import { forwardPathOf, materialPathOf, useMaterialTracking } from './tracking'

/** A shared card's path carries the share token as `token`; a poster's mini-program code as `scene`. */
const shareToken = (params: Partial<Record<string, string>>): string => routeParam(params.token ?? params.scene).trim()

/**
 * A material a staff member (or a friend) shared: the version that was shared, who shared it, and
 * its call to action. The open, the reading time and forwards are recorded against the share token.
 */
export default function MaterialPage() {
  const token = shareToken(useRouter().params)
  const [shared] = useReloadableApi('sharedMaterial', { params: { token } }, token !== '')
  const material = shared.status === 'ok' ? shared.data.material : undefined
  const viewRecorded = useMaterialTracking(token, material !== undefined)

  useShareAppMessage(() => {
    const card = { title: material?.title, path: materialPathOf(token), imageUrl: material?.coverAssetId ? materialAssetUrl(material.coverAssetId) : undefined }
    // WeChat waits up to 3 s for the forward's own path, and shares the card above if it does not arrive.
    return { ...card, promise: forwardPathOf(token).then((path) => ({ ...card, path })) }
  })

  if (!token) return <BrokenLink reason='链接缺少分享参数' />

  return (
    <View id='material' className='page' data-view-recorded={viewRecorded ? 'yes' : 'no'}>
      <Loaded state={shared}>
        {({ material: view, staffName }) => (
          <View>
            <Text id='material-title' className='page-title'>{view.title}</Text>
            <Text id='material-sharer' className='line muted'>{staffName} 分享给你</Text>
            {view.summary && <Text className='note'>{view.summary}</Text>}
            <MaterialBody content={view.content} />
            {view.callToAction && <MaterialCta token={token} cta={view.callToAction} />}
            {process.env.TARO_ENV === 'h5' && <ForwardLink token={token} />}
          </View>
        )}
      </Loaded>
    </View>
  )
}
