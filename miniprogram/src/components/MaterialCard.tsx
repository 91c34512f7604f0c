import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { MaterialView } from '@scrm/shared'
import { MATERIAL_KIND_LABELS } from '../lib/materials'

interface MaterialCardProps {
  material: MaterialView
  onClick?: () => void
  children?: ReactNode
}

/** A material in a library list: title, kind, summary, category and tags (staff's library and the manager's). */
export function MaterialCard({ material, onClick, children }: MaterialCardProps) {
  return (
    <View className='card' data-testid='material-row' data-material-id={material.id} data-material-title={material.title} onClick={onClick}>
      <View className='line'>
        <Text>{material.title}</Text>
        <Text className='badge'>{MATERIAL_KIND_LABELS[material.kind]}</Text>
        {!material.enabled && <Text className='badge' data-testid='material-disabled'>已停用</Text>}
      </View>
      {material.summary && <Text className='line muted'>{material.summary}</Text>}
      <View className='chips'>
        <Text className='chip chip-off'>{material.category}</Text>
        {material.tags.map((tag) => (
          <Text key={tag} className='chip'>{tag}</Text>
        ))}
      </View>
      {children}
    </View>
  )
}
