import Taro from '@tarojs/taro'
import { ApiError, authHeader, buildUrl } from './client'

/**
 * A channel's printable card (a PNG with its contact QR), ready for an `<Image>`: a data URL in H5,
 * a local temporary file in the mini-program. The route needs the manager's Bearer header, so a
 * plain image URL would not load.
 */
export async function loadChannelCard(channelId: string): Promise<string> {
  const url = buildUrl('/api/channels/:id/card.png', { id: channelId })
  if (process.env.TARO_ENV === 'h5') {
    const answer = await Taro.request<ArrayBuffer>({ url, method: 'GET', header: authHeader(), responseType: 'arraybuffer', dataType: 'other' })
    if (answer.statusCode !== 200) throw new ApiError('bad_response', `打印卡片生成失败（HTTP ${answer.statusCode}）`, answer.statusCode)
    return `data:image/png;base64,${base64(answer.data)}`
  }
  const download = await Taro.downloadFile({ url, header: authHeader() })
  if (download.statusCode !== 200) throw new ApiError('bad_response', `打印卡片生成失败（HTTP ${download.statusCode}）`, download.statusCode)
  return download.tempFilePath
}

/** Taro's H5 `arrayBufferToBase64` hands the buffer to base64-js, which needs a byte array and answers "". */
function base64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer)
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** Saves the card: a file download in H5, the photo album in the mini-program. */
export async function saveChannelCard(image: string, fileName: string): Promise<void> {
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
