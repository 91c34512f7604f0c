import { Text, View } from '@tarojs/components'
import type { MyShare } from '@scrm/shared'
import { LoadedList } from '../../../../components/LoadedList'
import { useReloadableApi } from '../../../../hooks/useApi'
import { useRefreshableList } from '../../../../hooks/useReloadOnReturn'
import { dwellText, SHARE_CHANNEL_LABELS } from '../../../../lib/materials'
import { formatShanghaiTime } from '../../../../lib/shanghaiTime'

type Viewer = MyShare['viewers'][number]

function ViewerRow({ viewer }: { viewer: Viewer }) {
  return (
    <View className='table-row' data-testid='share-viewer' data-viewer-name={viewer.name} data-opens={viewer.opens} data-dwell-ms={viewer.dwellMs}>
      <Text className='table-cell-first'>
        {viewer.name}
        {viewer.viaForward && <Text className='badge'>转发</Text>}
      </Text>
      <Text className='table-cell'>{viewer.opens} 次</Text>
      <Text className='table-cell'>{dwellText(viewer.dwellMs)}</Text>
      <Text className='table-cell'>{formatShanghaiTime(viewer.lastAt)}</Text>
    </View>
  )
}

function ShareCard({ share }: { share: MyShare }) {
  return (
    <View className='card' data-testid='my-share' data-token={share.token}>
      <View className='line'>
        <Text>{share.title}</Text>
        <Text className='badge'>{SHARE_CHANNEL_LABELS[share.channel]}</Text>
      </View>
      <Text className='line muted'>分享于 {formatShanghaiTime(share.createdAt)} · {share.viewers.length} 人阅读</Text>
      {share.viewers.length > 0 && (
        <View className='table'>
          <View className='table-row'>
            <Text className='table-cell-first muted'>读者</Text>
            <Text className='table-cell muted'>打开</Text>
            <Text className='table-cell muted'>停留</Text>
            <Text className='table-cell muted'>最近</Text>
          </View>
          {share.viewers.map((viewer, i) => (
            <ViewerRow key={`${viewer.customerId ?? 'anonymous'}-${i}`} viewer={viewer} />
          ))}
        </View>
      )}
    </View>
  )
}

/** The staff member's shares, newest first, and who read them (on the card or poster itself, or on a forward). */
export default function MyShares() {
  const [shares, reload] = useReloadableApi('myShares')
  useRefreshableList(reload)

  return (
    <View className='page'>
      <Text className='page-title'>我的分享</Text>
      <LoadedList id='my-shares' state={shares} rows={(data) => data.shares} empty='还没有分享过素材'>
        {(share) => <ShareCard key={share.token} share={share} />}
      </LoadedList>
    </View>
  )
}
