import { Text, View } from '@tarojs/components'
import type { ChannelStats } from '@scrm/shared'

type Counts = ChannelStats['totals']

const COLUMNS: Array<{ key: keyof Counts; label: string }> = [
  { key: 'new', label: '新增' },
  { key: 'returning', label: '回流' },
  { key: 'lost1d', label: '1天内流失' },
  { key: 'lost7d', label: '7天' },
  { key: 'lost30d', label: '30天' },
  { key: 'net', label: '净增' },
]

interface StatsTableProps {
  id: string
  /** The first column's heading: 日期, 员工… */
  heading: string
  rows: Array<{ label: string; counts: Counts }>
}

/** Adds and losses, one row a day or a staff member. */
export function StatsTable({ id, heading, rows }: StatsTableProps) {
  return (
    <View id={id} className='table'>
      <View className='table-row'>
        <Text className='table-cell-first muted'>{heading}</Text>
        {COLUMNS.map((c) => (
          <Text key={c.key} className='table-cell muted'>{c.label}</Text>
        ))}
      </View>
      {rows.length === 0 && <Text className='line muted'>暂无数据</Text>}
      {rows.map((row, i) => (
        <View key={`${i}-${row.label}`} className='table-row' data-row={row.label}>
          <Text className='table-cell-first'>{row.label}</Text>
          {COLUMNS.map((c) => (
            <Text key={c.key} className='table-cell' data-stat={c.key}>{row.counts[c.key]}</Text>
          ))}
        </View>
      ))}
    </View>
  )
}
