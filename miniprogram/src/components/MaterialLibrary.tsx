import { useState, type ReactNode } from 'react'
import { Input, Picker, Text, View } from '@tarojs/components'
import type { MaterialKind, MaterialView } from '@scrm/shared'
import { useReloadableApi } from '../hooks/useApi'
import { useReloadOnReturn } from '../hooks/useReloadOnReturn'
import { MATERIAL_KIND_LABELS } from '../lib/materials'
import { Loaded } from './Loaded'
import { MaterialCard } from './MaterialCard'

const KIND_CHOICES: Array<{ label: string; value?: MaterialKind }> = [
  { label: '全部类型' },
  ...(Object.keys(MATERIAL_KIND_LABELS) as MaterialKind[]).map((value) => ({ label: MATERIAL_KIND_LABELS[value], value })),
]

/** A text filter that applies when the user confirms or leaves the field. */
function FilterInput({ id, placeholder, onChange }: { id: string; placeholder: string; onChange: (value: string) => void }) {
  return (
    <View className='field'>
      <Input id={id} className='input' placeholder={placeholder} onConfirm={(e) => onChange(e.detail.value.trim())} onBlur={(e) => onChange(e.detail.value.trim())} />
    </View>
  )
}

interface MaterialLibraryProps {
  onOpen?: (material: MaterialView) => void
  /** What a row offers besides opening it (the manager's edit and statistics). */
  actions?: (material: MaterialView) => ReactNode
}

/**
 * The material library, searched and filtered by kind, category and tag: staff see the enabled
 * materials, managers every one. Loaded again when the user comes back from a material.
 */
export function MaterialLibrary({ onOpen, actions }: MaterialLibraryProps) {
  const [q, setQ] = useState('')
  const [category, setCategory] = useState('')
  const [tag, setTag] = useState('')
  const [kindIndex, setKindIndex] = useState(0)
  const [materials, reload] = useReloadableApi('materialList', { query: { q, category, tag, kind: KIND_CHOICES[kindIndex].value } })
  useReloadOnReturn(reload)

  return (
    <View>
      <View className='section'>
        <FilterInput id='material-search' placeholder='搜索标题或标签' onChange={setQ} />
        <View className='field'>
          <Picker mode='selector' range={KIND_CHOICES.map((c) => c.label)} value={kindIndex} onChange={(e) => setKindIndex(Number(e.detail.value))}>
            <View id='material-kind-filter' className='input'>{KIND_CHOICES[kindIndex].label}</View>
          </Picker>
        </View>
        <FilterInput id='material-category-filter' placeholder='按分类筛选' onChange={setCategory} />
        <FilterInput id='material-tag-filter' placeholder='按标签筛选' onChange={setTag} />
      </View>
      <Loaded state={materials}>
        {({ materials: rows }) => (
          <View id='material-list'>
            {rows.length === 0 && <Text id='material-list-empty' className='line muted'>没有符合条件的素材</Text>}
            {rows.map((material) => (
              <MaterialCard key={material.id} material={material} onClick={onOpen && (() => onOpen(material))}>
                {actions?.(material)}
              </MaterialCard>
            ))}
          </View>
        )}
      </Loaded>
    </View>
  )
}
