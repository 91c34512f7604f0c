import { Button, Text, View } from '@tarojs/components'
import { MaterialLibrary } from '../../../../components/MaterialLibrary'
import { openPage } from '../../../../lib/pages'

/** The approved materials staff share; each opens with its scripts and share buttons. */
export default function StaffMaterials() {
  return (
    <View className='page'>
      <Text className='page-title'>素材库</Text>
      <Button id='go-my-shares' size='mini' className='line' onClick={() => openPage('myShares')}>我的分享</Button>
      <MaterialLibrary onOpen={(material) => openPage('staffMaterial', { id: material.id })} />
    </View>
  )
}
