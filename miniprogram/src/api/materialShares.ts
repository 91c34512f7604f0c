import type { MaterialEventInput, MaterialEventResponse } from '@scrm/shared'
import { buildUrl, call, deviceId } from './client'
import { loadAuthorizedImage } from './authorizedImage'

/** What a viewer did with a share, sent from this install (and as the customer, when a session is held). */
export const recordMaterialEvent = (token: string, event: Omit<MaterialEventInput, 'deviceId'>): Promise<MaterialEventResponse> =>
  call('materialEvent', { ...event, deviceId: deviceId() }, { params: { token } })

/** A share's poster: the material's picture, title and the staff member's name, with a mini-program code carrying the token. */
export const loadSharePoster = (token: string): Promise<string> => loadAuthorizedImage(buildUrl('/api/shares/:token/poster.png', { token }), '海报')
