import { Text, View } from '@tarojs/components'
import { CopyButton } from '../../components/CopyButton'

/** The suggested scripts (话术) to say when sharing, each with a copy button. */
export function ScriptList({ scripts }: { scripts: string[] }) {
  if (scripts.length === 0) return null
  return (
    <View id='material-scripts' className='section'>
      <Text className='section-title'>推荐话术</Text>
      {scripts.map((script, i) => (
        <View key={i} className='card' data-testid='material-script'>
          <Text className='line'>{script}</Text>
          <CopyButton text={script} />
        </View>
      ))}
    </View>
  )
}
