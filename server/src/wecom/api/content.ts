/** An attachment of a welcome message or a group-send task; images by `media_id` from `media/upload`. */
export type Attachment =
  | { msgtype: "image"; image: { media_id: string } | { pic_url: string } }
  | { msgtype: "link"; link: { title: string; url: string; picurl?: string; desc?: string } }
  | { msgtype: "miniprogram"; miniprogram: { title: string; pic_media_id: string; appid: string; page: string } }
  | { msgtype: "video"; video: { media_id: string } }
  | { msgtype: "file"; file: { media_id: string } };

/** What a customer-facing message says: text, and at most 9 attachments. */
export interface MessageContent {
  text?: { content: string };
  attachments?: Attachment[];
}
