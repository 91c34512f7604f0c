import Taro from '@tarojs/taro'
import { endpoints, MATERIAL_ASSET_MAX_BYTES, type MaterialAssetView } from '@scrm/shared'
import { answerOf, authHeader, buildUrl, networkFailure } from './client'

/** What a manager picks for a material: a picture (PNG or JPEG) or a PDF. */
export type AssetKind = 'image' | 'pdf'

export interface ChosenFile {
  bytes: ArrayBuffer
  contentType: string
  name: string
}

const ACCEPT: Record<AssetKind, string> = { image: 'image/png,image/jpeg', pdf: 'application/pdf' }

const TYPE_BY_EXTENSION: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', pdf: 'application/pdf' }

/** A picked file's type by its name; the server sniffs the bytes anyway. */
function typeOfName(name: string): string {
  const type = TYPE_BY_EXTENSION[name.split('.').pop()?.toLowerCase() ?? '']
  if (!type) throw new Error('仅支持 PNG、JPEG 图片或 PDF 文件')
  return type
}

/** H5: a file input of our own (Taro's H5 chooseImage answers blob URLs, and has no file picker for PDFs). */
function chooseInBrowser(kind: AssetKind): Promise<ChosenFile> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = ACCEPT[kind]
    input.style.display = 'none'
    input.onchange = () => {
      const file = input.files?.[0]
      input.remove()
      if (!file) return reject(new Error('未选择文件'))
      file.arrayBuffer().then((bytes) => resolve({ bytes, contentType: file.type || typeOfName(file.name), name: file.name }), reject)
    }
    document.body.appendChild(input)
    input.click()
  })
}

/** The mini-program's pickers: photos from the album or camera; PDFs from a chat (its only file source). */
async function pickInMiniProgram(kind: AssetKind): Promise<{ path: string; name: string }> {
  if (kind === 'pdf') return (await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] })).tempFiles[0]
  const [photo] = (await Taro.chooseImage({ count: 1, sizeType: ['compressed'] })).tempFiles
  return { path: photo.path, name: photo.path.split('/').pop() ?? photo.path }
}

async function chooseInMiniProgram(kind: AssetKind): Promise<ChosenFile> {
  const picked = await pickInMiniProgram(kind)
  const bytes = Taro.getFileSystemManager().readFileSync(picked.path) as ArrayBuffer
  return { bytes, contentType: typeOfName(picked.name), name: picked.name }
}

/** Lets the manager pick a picture or a PDF from this device. */
export const chooseAssetFile = (kind: AssetKind): Promise<ChosenFile> =>
  process.env.TARO_ENV === 'h5' ? chooseInBrowser(kind) : chooseInMiniProgram(kind)

/** Uploads the raw bytes (the endpoint takes the file itself as its body, not a form). */
export async function uploadMaterialAsset(file: ChosenFile): Promise<MaterialAssetView> {
  if (file.bytes.byteLength > MATERIAL_ASSET_MAX_BYTES) throw new Error(`文件不能超过 ${MATERIAL_ASSET_MAX_BYTES / 1024 / 1024} MB`)
  const answer = await Taro.request({
    url: buildUrl(endpoints.materialAssetUpload.path),
    method: 'POST',
    data: file.bytes,
    header: { ...authHeader(), 'Content-Type': file.contentType },
    dataType: 'json',
  }).catch(networkFailure)
  return answerOf('materialAssetUpload', answer)
}

/** Where an uploaded picture or file is served (publicly: viewers need not be logged in). */
export const materialAssetUrl = (assetId: string): string => buildUrl('/api/material-assets/:id', { id: assetId })

/** Opens a material's PDF: a new tab in H5; downloaded and shown by WeChat's document viewer in the mini-program. */
export async function openMaterialFile(assetId: string): Promise<void> {
  const url = materialAssetUrl(assetId)
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank')
    return
  }
  const download = await Taro.downloadFile({ url })
  await Taro.openDocument({ filePath: download.tempFilePath, fileType: 'pdf' })
}
