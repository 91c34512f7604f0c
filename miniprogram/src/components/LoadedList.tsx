import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { ApiState } from '../hooks/useApi'
import { Loaded } from './Loaded'

interface LoadedListProps<T, Row> {
  id: string
  state: ApiState<T>
  rows: (data: T) => Row[]
  /** What the page says when there are no rows. */
  empty: string
  /** Above the rows: a count, tabs. */
  header?: (data: T) => ReactNode
  /** One row, with its key. */
  children: (row: Row) => ReactNode
}

/** The rows an API call returns, with its loading and error states and a line for when there are none. */
export function LoadedList<T, Row>({ id, state, rows, empty, header, children }: LoadedListProps<T, Row>) {
  return (
    <Loaded state={state}>
      {(data) => {
        const shown = rows(data)
        return (
          <View id={id}>
            {header?.(data)}
            {shown.length === 0 && <Text className='line muted'>{empty}</Text>}
            {shown.map(children)}
          </View>
        )
      }}
    </Loaded>
  )
}
