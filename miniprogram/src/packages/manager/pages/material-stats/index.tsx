import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { MaterialStatsRow } from '@scrm/shared'
import { Loaded } from '../../../../components/Loaded'
import { useApi } from '../../../../hooks/useApi'
import { dwellText, SHARE_CHANNEL_LABELS } from '../../../../lib/materials'
import { routeParam } from '../../../../lib/pages'
import { StatsTable, type StatsColumn } from '../../components/StatsTable'

const COLUMNS: Array<StatsColumn<MaterialStatsRow>> = [
  { key: 'shares', label: '分享' },
  { key: 'views', label: '浏览' },
  { key: 'uniqueViewers', label: '访客' },
  { key: 'avgDwellMs', label: '平均停留', format: dwellText },
  { key: 'shareIntents', label: '转发' },
  { key: 'openedChildShares', label: '转发被打开' },
  { key: 'claims', label: '领券' },
  { key: 'adds', label: '加好友' },
]

const rowLabel = (row: MaterialStatsRow): string => (row.channel ? `${row.staffName}（${SHARE_CHANNEL_LABELS[row.channel]}）` : row.staffName)

/** How a material did: views, real viewers, reading time, forwards and conversions, in total and per staff member. */
export default function MaterialStatsPage() {
  const params = useRouter().params
  const id = params.id ?? ''
  const stats = useApi('materialStats', { params: { id } })

  return (
    <View className='page'>
      <Text className='page-title'>{routeParam(params.title) || '素材数据'}</Text>
      <Text className='note'>访客按真实的人计：员工自己的浏览和机器访问不计，同一人多次打开只算一位。</Text>
      <Loaded state={stats}>
        {({ total, byStaff }) => (
          <View id='material-stats'>
            <StatsTable id='material-stats-total' heading='合计' columns={COLUMNS} rows={[{ label: '合计', counts: total }]} />
            <Text className='section-title'>按员工</Text>
            <StatsTable id='material-stats-by-staff' heading='员工' columns={COLUMNS} rows={byStaff.map((row) => ({ label: rowLabel(row), counts: row }))} />
          </View>
        )}
      </Loaded>
    </View>
  )
}
