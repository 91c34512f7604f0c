import type { WecomClient } from "./api/client";

/** WeCom keeps an uploaded file three days; we reuse one for a little less. */
const REUSE_MS = 2.5 * 24 * 3600 * 1000;

/**
 * Uploaded images by a key of ours (e.g. a mini-program card's cover), so the welcome of every
 * customer does not upload the same picture again. Per instance: another instance uploading its
 * own copy is harmless.
 */
export class MediaCache {
  private readonly uploads = new Map<string, { mediaId: Promise<string>; until: number }>();

  constructor(private readonly wecom: WecomClient) {}

  imageMediaId(key: string, render: () => Promise<Buffer>): Promise<string> {
    const cached = this.uploads.get(key);
    if (cached && cached.until > Date.now()) return cached.mediaId;
    const mediaId = render()
      .then((png) => this.wecom.media.upload("image", { filename: "cover.png", contentType: "image/png", data: png }))
      .then((uploaded) => uploaded.media_id);
    this.uploads.set(key, { mediaId, until: Date.now() + REUSE_MS });
    mediaId.catch(() => this.uploads.delete(key));
    return mediaId;
  }
}
