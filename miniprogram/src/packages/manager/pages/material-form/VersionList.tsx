import { Text, View } from '@tarojs/components'
import { Loaded } from '../../../../components/Loaded'
import type { ApiState } from '../../../../hooks/useApi'
import { formatShanghaiTime } from '../../../../lib/shanghaiTime'
import type { ResponseOf } from '@scrm/shared'

/** Every version of the material, newest first: each edit made one, and shares keep the version they were made from. */
export function VersionList({ versions }: { versions: ApiState<ResponseOf<'materialVersions'>> }) {
  return (
    <View id='material-versions' className='section'>
      <Text className='section-title'>历史版本</Text>
      <Loaded state={versions}>
        {({ versions: rows }) => (
          <View>
            {rows.map((v) => (
              <View key={v.versionId} className='table-row' data-testid='material-version' data-version={v.version}>
                <Text className='table-cell-first'>第 {v.version} 版 · {v.title}</Text>
                <Text className='table-cell'>{v.createdBy}</Text>
                <Text className='table-cell'>{formatShanghaiTime(v.createdAt)}</Text>
              </View>
            ))}
          </View>
        )}
      </Loaded>
    </View>
  )
}
