import type { WecomCaller } from "./caller";

export type MediaType = "image" | "voice" | "video" | "file";

export interface MediaFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface UploadedMedia {
  type: MediaType;
  /** Valid three days: images of welcome messages and group sends refer to it. */
  media_id: string;
  created_at: string;
}

export class MediaApi {
  constructor(private readonly caller: WecomCaller) {}

  upload(type: MediaType, file: MediaFile): Promise<UploadedMedia> {
    const form = new FormData();
    form.append("media", new Blob([new Uint8Array(file.data)], { type: file.contentType }), file.filename);
    return this.caller.upload("contact", "/cgi-bin/media/upload", { type }, form);
  }
}
