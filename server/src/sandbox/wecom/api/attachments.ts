import { ERR, JsonBody, fault } from "../wire";
import type { SimContext } from "./route";

/** Welcome messages and group-send tasks carry at most this many attachments. */
export const MAX_ATTACHMENTS = 9;
const MAX_TEXT_BYTES = 4000;

function requireMedia(sim: SimContext, mediaId: string | undefined): void {
  if (!mediaId || !sim.state.media.has(mediaId)) throw fault(ERR.INVALID_MEDIA_ID, "invalid media_id");
}

/** Checks `text` and `attachments` of a customer-facing message as WeCom does; answers them. */
export function readMessageContent(sim: SimContext, body: JsonBody): { text?: { content: string }; attachments: unknown[] } {
  const content = body.object("text")?.str("content");
  if (content !== undefined && Buffer.byteLength(content) > MAX_TEXT_BYTES) throw fault(ERR.INVALID_PARAMETER, "text content exceed max length");
  const attachments = body.list("attachments");
  if (!content && attachments.length === 0) throw fault(ERR.EMPTY_CONTENT, "text content and attachments are both empty");
  if (attachments.length > MAX_ATTACHMENTS) throw fault(ERR.INVALID_PARAMETER, `attachments exceed max size ${MAX_ATTACHMENTS}`);
  for (const raw of attachments) {
    const a = new JsonBody(raw);
    const msgtype = a.str("msgtype");
    const part = msgtype ? a.object(msgtype) : undefined;
    if (!part) throw fault(ERR.INVALID_MSGTYPE, "invalid attachment msgtype");
    switch (msgtype) {
      case "image":
        if (!part.str("pic_url")) requireMedia(sim, part.str("media_id"));
        break;
      case "video":
      case "file":
        requireMedia(sim, part.str("media_id"));
        break;
      case "link":
        part.requiredStr("title");
        part.requiredStr("url");
        break;
      case "miniprogram":
        part.requiredStr("title");
        part.requiredStr("appid");
        part.requiredStr("page");
        requireMedia(sim, part.str("pic_media_id"));
        break;
      default:
        throw fault(ERR.INVALID_MSGTYPE, "invalid attachment msgtype");
    }
  }
  return { ...(content ? { text: { content } } : {}), attachments };
}
