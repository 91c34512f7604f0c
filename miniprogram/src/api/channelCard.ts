import { buildUrl } from './client'
import { loadAuthorizedImage } from './authorizedImage'

/** A channel's printable card (a PNG with its contact QR); managers only. */
export const loadChannelCard = (channelId: string): Promise<string> =>
  loadAuthorizedImage(buildUrl('/api/channels/:id/card.png', { id: channelId }), '打印卡片')

export { saveImage as saveChannelCard } from './authorizedImage'
