import { useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import { chooseAssetFile, materialAssetUrl, uploadMaterialAsset, type AssetKind } from '../../../../api/materialAssets'
import { errorText } from '../../components/errorText'

interface AssetFieldProps {
  /** The upload button is `${id}-upload`; the preview carries the asset id. */
  id: string
  kind: AssetKind
  assetId: string
  onUploaded: (assetId: string, fileName: string) => void
  onRemove?: () => void
}

/** A picture or PDF of the material: uploaded once (assets never change), then shown by its id. */
export function AssetField({ id, kind, assetId, onUploaded, onRemove }: AssetFieldProps) {
  const [uploading, setUploading] = useState(false)
  const [error, setError] = useState<string>()

  const upload = async () => {
    setError(undefined)
    setUploading(true)
    try {
      const file = await chooseAssetFile(kind)
      const asset = await uploadMaterialAsset(file)
      onUploaded(asset.id, file.name)
    } catch (err) {
      setError(errorText(err))
    } finally {
      setUploading(false)
    }
  }

  return (
    <View id={id} data-asset-id={assetId}>
      {assetId && kind === 'image' && <Image className='card-image' src={materialAssetUrl(assetId)} mode='widthFix' />}
      {assetId && kind === 'pdf' && <Text className='line muted'>已上传 PDF</Text>}
      <View className='actions'>
        <Button id={`${id}-upload`} size='mini' disabled={uploading} loading={uploading} onClick={upload}>
          {assetId ? '重新上传' : kind === 'image' ? '上传图片' : '上传 PDF'}
        </Button>
        {assetId && onRemove && (
          <Button size='mini' onClick={onRemove}>移除</Button>
        )}
      </View>
      {error && <Text className='line error' data-testid='upload-error'>{error}</Text>}
    </View>
  )
}
