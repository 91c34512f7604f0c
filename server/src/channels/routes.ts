import type Router from "@koa/router";
import { CampaignInput, ChannelInput, ChannelStatsQuery, type ChannelView } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { parseBody, parseQuery } from "../http/validate";
import { channelFollows } from "../customers/channelFollows";
import { DAY_MS } from "../platform/clock";
import { fromWallTime } from "../platform/zonedTime";
import { archiveCampaign, createCampaign, listCampaigns } from "./campaigns";
import { Channel } from "./channel.entity";
import { Campaign } from "./campaign.entity";
import { Conflict, UpstreamError } from "../http/errors";
import { renderChannelCard } from "../posters";
import { presentChannel } from "./presenters";
import { channelStats } from "./stats";

const CARD_LINE = "扫码添加专属顾问，领取新客礼券";

/** Managers run campaigns and their channels (QR codes, routing, welcome, statistics). */
export function channelRoutes(router: Router, deps: AppDeps): void {
  const { allow, channels, db, config, clock } = deps;

  router.post("/api/campaigns", allow("manager"), async (ctx) => {
    const campaign = await createCampaign(deps, parseBody(ctx, CampaignInput));
    ctx.status = 201;
    ctx.body = { campaign: (await listCampaigns(deps)).find((c) => c.id === campaign.id) };
  });

  router.get("/api/campaigns", allow("manager"), async (ctx) => {
    ctx.body = { campaigns: await listCampaigns(deps) };
  });

  router.post("/api/campaigns/:id/archive", allow("manager"), async (ctx) => {
    await archiveCampaign(deps, ctx.params.id);
    ctx.status = 204;
  });

  router.get("/api/campaigns/:id/channels", allow("manager"), async (ctx) => {
    const rows = await db.manager.find(Channel, { where: { campaignId: ctx.params.id }, order: { createdAt: "ASC" } });
    ctx.body = { channels: rows.map(presentChannel) satisfies ChannelView[] };
  });

  router.post("/api/channels", allow("manager"), async (ctx) => {
    const channel = await channels.create(parseBody(ctx, ChannelInput));
    ctx.status = 201;
    ctx.body = { channel: presentChannel(channel) };
  });

  router.get("/api/channels/:id", allow("manager"), async (ctx) => {
    ctx.body = { channel: presentChannel(await channels.get(ctx.params.id)) };
  });

  router.put("/api/channels/:id", allow("manager"), async (ctx) => {
    ctx.body = { channel: presentChannel(await channels.update(ctx.params.id, parseBody(ctx, ChannelInput))) };
  });

  router.post("/api/channels/:id/archive", allow("manager"), async (ctx) => {
    ctx.body = { channel: presentChannel(await channels.archive(ctx.params.id)) };
  });

  router.post("/api/channels/:id/refresh", allow("manager"), async (ctx) => {
    const changed = await channels.refreshContactWay(ctx.params.id);
    ctx.body = { changed, channel: presentChannel(await channels.get(ctx.params.id)) };
  });

  router.get("/api/channels/:id/card.png", allow("manager"), async (ctx) => {
    const channel = await channels.get(ctx.params.id);
    if (!channel.qrCode) throw Conflict("This channel has no contact QR code");
    const campaign = await db.manager.findOneBy(Campaign, { id: channel.campaignId });
    ctx.type = "image/png";
    ctx.set("Content-Disposition", `attachment; filename="channel-${channel.state}.png"`);
    ctx.body = await renderChannelCard({ qrPng: await fetchContactQr(channel.qrCode), title: channel.name, subtitle: CARD_LINE, footer: campaign?.name });
  });

  router.get("/api/channels/:id/stats", allow("manager"), async (ctx) => {
    const { from, to } = parseQuery(ctx, ChannelStatsQuery);
    const channel = await channels.get(ctx.params.id);
    const end = to ? dayStart(to, config.timezone).getTime() + DAY_MS : clock.now().getTime();
    const start = from ? dayStart(from, config.timezone).getTime() : end - 30 * DAY_MS;
    const facts = await channelFollows(db, channel.id, new Date(start), new Date(end - 1));
    ctx.body = channelStats(channel.id, facts, config.timezone);
  });
}

/** WeCom's contact QR image (its `qr_code` URL), so the printed code adds the staff member directly. */
async function fetchContactQr(url: string): Promise<Buffer> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) }).catch((err: Error) => {
    throw UpstreamError(`the contact QR image could not be fetched: ${err.message}`);
  });
  if (!res.ok) throw UpstreamError(`the contact QR image answered HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

const dayStart = (date: string, timezone: string) => {
  const [year, month, day] = date.split("-").map(Number);
  return fromWallTime({ year, month, day, hour: 0, minute: 0, second: 0 }, timezone);
};
