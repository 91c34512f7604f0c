import type { WelcomeAttachment } from "@scrm/shared";
import type { Channel } from "../channels/channel.entity";
import type { Attachment, MessageContent } from "../wecom/api/content";
import type { MediaCache } from "../wecom/mediaCache";
import type { AppDeps } from "../deps";

export type WelcomeDeps = Pick<AppDeps, "config"> & { media: MediaCache; renderCover: (title: string) => Promise<Buffer> };

/** The channel's welcome as WeCom wants it; undefined when the channel says nothing. */
export async function welcomeMessage(deps: WelcomeDeps, channel: Channel | null): Promise<MessageContent | undefined> {
  if (!channel) return undefined;
  const { text, attachments } = channel.welcome;
  if (!text && attachments.length === 0) return undefined;
  return {
    ...(text ? { text: { content: text } } : {}),
    attachments: await Promise.all(attachments.map((a) => toAttachment(deps, a))),
  };
}

async function toAttachment(deps: WelcomeDeps, a: WelcomeAttachment): Promise<Attachment> {
  switch (a.type) {
    case "link":
      return { msgtype: "link", link: { title: a.title, url: a.url, ...(a.picUrl ? { picurl: a.picUrl } : {}), ...(a.desc ? { desc: a.desc } : {}) } };
    case "image":
      return { msgtype: "image", image: { pic_url: a.picUrl } };
    case "miniprogram": {
      // A mini-program card needs a cover uploaded to WeCom; we render one from the title.
      const mediaId = await deps.media.imageMediaId(`cover:${a.title}`, () => deps.renderCover(a.title));
      return { msgtype: "miniprogram", miniprogram: { title: a.title, pic_media_id: mediaId, appid: deps.config.miniapp.appId, page: a.page } };
    }
  }
}
