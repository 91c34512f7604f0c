import Taro from '@tarojs/taro'
import { ApiError, authHeader } from './client'

/**
 * A PNG our API renders behind the Bearer header (a channel's card, a share poster), ready for an
 * `<Image>`: a data URL in H5, a local temporary file in the mini-program. A plain image URL would
 * not carry the header, so it would not load.
 */
export async function loadAuthorizedImage(url: string, what: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const answer = await Taro.request<ArrayBuffer>({ url, method: 'GET', header: authHeader(), responseType: 'arraybuffer', dataType: 'other' })
    if (answer.statusCode !== 200) throw new ApiError('bad_response', `${what}生成失败（HTTP ${answer.statusCode}）`, answer.statusCode)
    return `data:image/png;base64,${base64(answer.data)}`
  }
  const download = await Taro.downloadFile({ url, header: authHeader() })
  if (download.statusCode !== 200) throw new ApiError('bad_response', `${what}生成失败（HTTP ${download.statusCode}）`, download.statusCode)
  return download.tempFilePath
}

/** Taro's H5 `arrayBufferToBase64` hands the buffer to base64-js, which needs a byte array and answers "". */
function base64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer)
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** Saves an image `loadAuthorizedImage` answered: a file download in H5, the photo album in the mini-program. */
export async function saveImage(image: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a')
    link.href = image
    link.download = fileName
    document.body.appendChild(link)
    link.click()
    link.remove()
    return
  }
  await Taro.saveImageToPhotosAlbum({ filePath: image })
}

/**
 * Offers an image `loadAuthorizedImage` answered to WeChat's share sheet (send to a chat, save,
 * favourite) where the base library has it; elsewhere saves it.
 */
export async function shareImage(image: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV !== 'h5' && typeof Taro.showShareImageMenu === 'function') {
    await Taro.showShareImageMenu({ path: image })
    return
  }
  await saveImage(image, fileName)
}
