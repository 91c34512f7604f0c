import { z } from "zod";

const fen = z.number().int().min(0).max(1e12);
const isoTime = z.iso.datetime();
const userId = z.string().min(1).max(64);

export const ChannelKind = z.enum(["expo", "store", "poster", "ad", "online", "referral"]);
export type ChannelKind = z.infer<typeof ChannelKind>;

/**
 * How a channel picks staff. WeCom itself picks among a contact way's users, so the rule decides
 * which staff are on the list right now: the spread is approximate.
 */
export const RoutingRule = z.object({
  /** `round_robin`: all eligible staff; `least_loaded`: those with the fewest adds today; `working_hours`: only in working time. */
  kind: z.enum(["round_robin", "least_loaded", "working_hours"]),
  /** Adds per staff member per day through this channel; a staff member at the cap leaves the list. */
  dailyCap: z.number().int().min(1).max(100_000).optional(),
  /** Who takes customers when nobody is eligible (outside working hours, everyone capped). */
  fallbackStaff: userId.optional(),
});
export type RoutingRule = z.infer<typeof RoutingRule>;

export const WelcomeAttachment = z.discriminatedUnion("type", [
  z.object({ type: z.literal("link"), title: z.string().min(1).max(64), url: z.url(), picUrl: z.url().optional(), desc: z.string().max(128).optional() }),
  /** A mini-program card; its cover is rendered and uploaded with media/upload at send time. */
  z.object({ type: z.literal("miniprogram"), title: z.string().min(1).max(64), page: z.string().min(1).max(256) }),
  z.object({ type: z.literal("image"), picUrl: z.url() }),
]);
export type WelcomeAttachment = z.infer<typeof WelcomeAttachment>;

export const WelcomeContent = z.object({
  text: z.string().max(4000).default(""),
  attachments: z.array(WelcomeAttachment).max(9).default([]),
});
export type WelcomeContent = z.infer<typeof WelcomeContent>;

export const CampaignInput = z
  .object({
    name: z.string().trim().min(1).max(64),
    startsAt: isoTime,
    endsAt: isoTime,
    budgetFen: fen.default(0),
  })
  .refine((c) => c.endsAt > c.startsAt, { message: "endsAt must be after startsAt", path: ["endsAt"] });
export type CampaignInput = z.infer<typeof CampaignInput>;

export const CampaignView = z.object({
  id: z.string(),
  name: z.string(),
  startsAt: isoTime,
  endsAt: isoTime,
  budgetFen: z.number(),
  archived: z.boolean(),
  channelCount: z.number(),
});
export type CampaignView = z.infer<typeof CampaignView>;

export const ChannelInput = z
  .object({
    campaignId: z.string().min(1),
    name: z.string().trim().min(1).max(64),
    kind: ChannelKind,
    startsAt: isoTime,
    endsAt: isoTime,
    costFen: fen.default(0),
    staffPool: z.array(userId).min(1).max(100),
    routing: RoutingRule,
    tags: z.array(z.string().min(1).max(64)).max(20).default([]),
    welcome: WelcomeContent,
    temporary: z.boolean().default(false),
  })
  .refine((c) => c.endsAt > c.startsAt, { message: "endsAt must be after startsAt", path: ["endsAt"] })
  .refine((c) => !c.routing.fallbackStaff || c.staffPool.includes(c.routing.fallbackStaff), {
    message: "the fallback staff member must be in the staff pool",
    path: ["routing", "fallbackStaff"],
  });
export type ChannelInput = z.input<typeof ChannelInput>;

export const ChannelView = z.object({
  id: z.string(),
  campaignId: z.string(),
  name: z.string(),
  kind: ChannelKind,
  state: z.string(),
  startsAt: isoTime,
  endsAt: isoTime,
  costFen: z.number(),
  staffPool: z.array(z.string()),
  routing: RoutingRule,
  tags: z.array(z.string()),
  welcome: WelcomeContent,
  temporary: z.boolean(),
  qrCode: z.string().nullable(),
  /** The staff WeCom may route to right now. */
  contactWayUsers: z.array(z.string()),
  archived: z.boolean(),
});
export type ChannelView = z.infer<typeof ChannelView>;

/** Per-day and per-staff numbers of a channel, over a period. */
export const ChannelStatsQuery = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() });

const Counts = z.object({ new: z.number(), returning: z.number(), lost1d: z.number(), lost7d: z.number(), lost30d: z.number(), net: z.number() });
export const ChannelStats = z.object({
  channelId: z.string(),
  totals: Counts,
  byDay: z.array(Counts.extend({ date: z.iso.date() })),
  byStaff: z.array(Counts.extend({ staffUserId: z.string() })),
});
export type ChannelStats = z.infer<typeof ChannelStats>;
