import { randomBytes } from "node:crypto";
import { ERR, fault } from "../wire";
import { parseMultipart } from "./multipart";
import { nowS, type ApiRoute } from "./route";

const MB = 1024 * 1024;
/** WeCom's temporary-media limits by type; every file must also be at least 5 bytes. */
const LIMITS: Record<string, { maxBytes: number; extensions?: RegExp }> = {
  image: { maxBytes: 10 * MB, extensions: /\.(jpe?g|png)$/i },
  voice: { maxBytes: 2 * MB, extensions: /\.amr$/i },
  video: { maxBytes: 10 * MB, extensions: /\.mp4$/i },
  file: { maxBytes: 20 * MB },
};
export const MAX_UPLOAD_BYTES = 20 * MB + 64 * 1024;

export const mediaApi: ApiRoute[] = [
  {
    method: "POST",
    path: "/cgi-bin/media/upload",
    secret: "contact",
    body: "multipart",
    handle: ({ query, upload }, sim) => {
      const type = query.type ?? "";
      const limit = LIMITS[type];
      if (!limit) throw fault(ERR.INVALID_UPLOAD_TYPE, "invalid media type parameter");
      const media = upload ? parseMultipart(upload.contentType, upload.data).find((p) => p.name === "media") : undefined;
      if (!media || media.data.length === 0) throw fault(ERR.EMPTY_MEDIA, "media data missing");
      const filename = media.filename ?? "";
      if (limit.extensions && !limit.extensions.test(filename)) throw fault(ERR.INVALID_MEDIA_TYPE, "invalid media type");
      if (media.data.length < 5 || media.data.length > limit.maxBytes) {
        throw fault(type === "image" ? ERR.INVALID_IMAGE_SIZE : ERR.INVALID_FILE_SIZE, "invalid media size");
      }
      const media_id = `3${randomBytes(30).toString("base64url")}`;
      const created_at = nowS(sim);
      sim.state.media.set(media_id, {
        media_id,
        type,
        filename,
        contentType: media.contentType ?? "application/octet-stream",
        bytes: media.data.length,
        created_at,
      });
      // WeCom answers created_at as a string.
      return { type, media_id, created_at: String(created_at) };
    },
  },
];
