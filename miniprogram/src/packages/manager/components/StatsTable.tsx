import { Text, View } from '@tarojs/components'

/** The numeric fields of a statistics row. */
type NumberKey<R> = { [K in keyof R]: R[K] extends number ? K : never }[keyof R] & string

export interface StatsColumn<R> {
  key: NumberKey<R>
  label: string
  /** How the number reads (a duration…); as is when absent. */
  format?: (value: number) => string
}

interface StatsTableProps<R> {
  id: string
  /** The first column's heading: 日期, 员工… */
  heading: string
  columns: Array<StatsColumn<R>>
  rows: Array<{ label: string; counts: R }>
}

/** Counts in columns, one row a day, a staff member or the total. */
export function StatsTable<R>({ id, heading, columns, rows }: StatsTableProps<R>) {
  return (
    <View id={id} className='table'>
      <View className='table-row'>
        <Text className='table-cell-first muted'>{heading}</Text>
        {columns.map((c) => (
          <Text key={c.key} className='table-cell muted'>{c.label}</Text>
        ))}
      </View>
      {rows.length === 0 && <Text className='line muted'>暂无数据</Text>}
      {rows.map((row, i) => (
        <View key={`${i}-${row.label}`} className='table-row' data-row={row.label}>
          <Text className='table-cell-first'>{row.label}</Text>
          {columns.map((c) => {
            const value = row.counts[c.key] as number
            return (
              <Text key={c.key} className='table-cell' data-stat={c.key} data-value={value}>{c.format ? c.format(value) : value}</Text>
            )
          })}
        </View>
      ))}
    </View>
  )
}
