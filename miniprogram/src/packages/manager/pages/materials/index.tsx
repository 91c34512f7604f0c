import { Button, Text, View } from '@tarojs/components'
import type { MaterialView } from '@scrm/shared'
import { MaterialLibrary } from '../../../../components/MaterialLibrary'
import { openPage } from '../../../../lib/pages'

function MaterialActions({ material }: { material: MaterialView }) {
  return (
    <View className='actions'>
      <Button size='mini' data-testid='material-edit' onClick={() => openPage('materialForm', { id: material.id })}>编辑</Button>
      <Button size='mini' data-testid='material-stats' onClick={() => openPage('materialStats', { id: material.id, title: material.title })}>数据</Button>
    </View>
  )
}

/** The whole library, switched-off materials included, with the way to add, edit and measure each. */
export default function ManagerMaterials() {
  return (
    <View className='page'>
      <Text className='page-title'>素材库管理</Text>
      <Button id='material-new' type='primary' className='line' onClick={() => openPage('materialForm')}>新建素材</Button>
      <MaterialLibrary actions={(material) => <MaterialActions material={material} />} />
    </View>
  )
}
