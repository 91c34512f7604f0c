import { z } from "zod";

const fen = z.number().int().min(0).max(1e12);
const isoTime = z.iso.datetime();
/** An uploaded image or file (`POST /api/material-assets`), served at `/api/material-assets/:id`. */
const assetId = z.string().min(1).max(36);

export const MaterialKind = z.enum(["article", "poster", "product", "page", "file"]);
export type MaterialKind = z.infer<typeof MaterialKind>;

/**
 * An article's body: paragraphs, headings and images in order (no raw HTML: what a manager writes
 * is what every customer sees, safely).
 */
export const ArticleBlock = z.discriminatedUnion("type", [
  z.object({ type: z.literal("heading"), text: z.string().trim().min(1).max(200) }),
  z.object({ type: z.literal("paragraph"), text: z.string().trim().min(1).max(5_000) }),
  z.object({ type: z.literal("image"), assetId, caption: z.string().max(200).optional() }),
]);
export type ArticleBlock = z.infer<typeof ArticleBlock>;

/** What a customer is called to do from a material: claim a coupon, add the sharing staff member. */
export const CallToAction = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("claim_coupon"), stockId: z.string().min(1).max(36), label: z.string().trim().min(1).max(20).default("立即领取") }),
  z.object({ kind: z.literal("add_staff"), channelState: z.string().min(1).max(30), label: z.string().trim().min(1).max(20).default("添加顾问") }),
]);
export type CallToAction = z.infer<typeof CallToAction>;

/** A page of our mini-program, with its query: `pages/landing/index?state=…`. */
const PAGE_PATH = /^[a-z][\w/-]*(\?[\w=&%-]*)?$/;

/** Each kind's content. */
export const MaterialContent = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("article"), blocks: z.array(ArticleBlock).min(1).max(200) }),
  z.object({ kind: z.literal("poster"), imageAssetId: assetId }),
  z.object({
    kind: z.literal("product"),
    priceFen: fen,
    imageAssetIds: z.array(assetId).min(1).max(9),
    description: z.string().max(2_000).default(""),
    /** A page of our mini-program or an https link the product card opens. */
    link: z
      .string()
      .max(500)
      .refine((link) => PAGE_PATH.test(link) || /^https:\/\/[^\s/]+\.[^\s]+$/.test(link), "a mini-program page path or an https:// link")
      .optional(),
  }),
  z.object({ kind: z.literal("page"), path: z.string().regex(PAGE_PATH, "a mini-program page path, e.g. pages/landing/index?state=…").max(200) }),
  z.object({ kind: z.literal("file"), fileAssetId: assetId, fileName: z.string().trim().min(1).max(100) }),
]);
export type MaterialContent = z.infer<typeof MaterialContent>;

/** `POST /api/materials` and `PUT /api/materials/:id` (managers): an edit makes a new version. */
export const MaterialInput = z.object({
  title: z.string().trim().min(1).max(64),
  summary: z.string().trim().max(200).default(""),
  /** The share card's and poster's picture. */
  coverAssetId: assetId.optional(),
  content: MaterialContent,
  /** Suggested scripts (话术) staff copy when sharing. */
  scripts: z.array(z.string().trim().min(1).max(500)).max(10).default([]),
  callToAction: CallToAction.optional(),
  category: z.string().trim().min(1).max(32),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  campaignId: z.string().min(1).max(36).optional(),
  enabled: z.boolean().default(true),
});
export type MaterialInput = z.input<typeof MaterialInput>;

export const MaterialView = z.object({
  id: z.string(),
  version: z.number(),
  versionId: z.string(),
  kind: MaterialKind,
  title: z.string(),
  summary: z.string(),
  coverAssetId: z.string().nullable(),
  content: MaterialContent,
  scripts: z.array(z.string()),
  callToAction: CallToAction.nullable(),
  category: z.string(),
  tags: z.array(z.string()),
  campaignId: z.string().nullable(),
  enabled: z.boolean(),
  updatedAt: isoTime,
});
export type MaterialView = z.infer<typeof MaterialView>;

/** Query of `GET /api/materials`: staff see enabled materials only. */
export const MaterialQuery = z.object({
  q: z.string().trim().max(64).optional(),
  category: z.string().trim().max(32).optional(),
  tag: z.string().trim().max(20).optional(),
  kind: MaterialKind.optional(),
  campaignId: z.string().max(36).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type MaterialQuery = z.input<typeof MaterialQuery>;

/** How a share travels: a mini-program card, a poster with a mini-program code, or a viewer's forward. */
export const ShareChannel = z.enum(["card", "poster", "forward"]);
export type ShareChannel = z.infer<typeof ShareChannel>;

/** `POST /api/materials/:id/shares` (staff): a tracked share of the material's current version. */
export const ShareRequest = z.object({ channel: ShareChannel.exclude(["forward"]), channelId: z.string().max(36).optional() });
export type ShareRequest = z.input<typeof ShareRequest>;

export const ShareView = z.object({
  token: z.string(),
  materialId: z.string(),
  version: z.number(),
  title: z.string(),
  /** The mini-program page the card opens, carrying the token. */
  path: z.string(),
  coverUrl: z.string().nullable(),
  scripts: z.array(z.string()),
});
export type ShareView = z.infer<typeof ShareView>;

/** What the viewer page loads: the version that was shared (not a later edit), and who shared it. */
export const SharedMaterial = z.object({
  token: z.string(),
  material: MaterialView,
  staffName: z.string(),
});
export type SharedMaterial = z.infer<typeof SharedMaterial>;

/**
 * `POST /api/shares/:token/events`: what a viewer did. `deviceId` is the mini-program install's id
 * (joined to the customer through OneID once they log in). `view` on open, `heartbeat` every few
 * seconds while the page is visible, `share_intent` when they tap share (answered with a child
 * token), `cta` when they tap the call to action.
 */
export const MaterialEventInput = z.object({
  kind: z.enum(["view", "heartbeat", "share_intent", "cta"]),
  deviceId: z.string().regex(/^[\w-]{8,64}$/),
  /** Milliseconds visible since the previous heartbeat (heartbeat only). */
  dwellMs: z.number().int().min(0).max(60_000).optional(),
  /** cta only: which call to action. */
  cta: z.enum(["claim_coupon", "add_staff"]).optional(),
});
export type MaterialEventInput = z.input<typeof MaterialEventInput>;

export const MaterialEventResponse = z.object({
  accepted: z.boolean(),
  /** share_intent: the child token the forwarded card carries. */
  childToken: z.string().optional(),
});
export type MaterialEventResponse = z.infer<typeof MaterialEventResponse>;

/** One row of a material's statistics: per staff member and share channel, or the total (`staffUserId` null). */
export const MaterialStatsRow = z.object({
  staffUserId: z.string().nullable(),
  staffName: z.string(),
  channel: ShareChannel.nullable(),
  shares: z.number(),
  views: z.number(),
  /** Real people: staff's own views and bots left out, repeated opens counted once. */
  uniqueViewers: z.number(),
  avgDwellMs: z.number(),
  shareIntents: z.number(),
  /** Forwarded cards (child tokens) that someone opened. */
  openedChildShares: z.number(),
  claims: z.number(),
  adds: z.number(),
});
export type MaterialStatsRow = z.infer<typeof MaterialStatsRow>;

/** `GET /api/materials/:id/stats` (managers). */
export const MaterialStats = z.object({ materialId: z.string(), total: MaterialStatsRow, byStaff: z.array(MaterialStatsRow) });
export type MaterialStats = z.infer<typeof MaterialStats>;

/** `GET /api/my-shares` (staff): my shares and who read them (my own shares only). */
export const MyShare = z.object({
  token: z.string(),
  materialId: z.string(),
  title: z.string(),
  channel: ShareChannel,
  createdAt: isoTime,
  viewers: z.array(
    z.object({
      customerId: z.string().nullable(),
      name: z.string(),
      opens: z.number(),
      dwellMs: z.number(),
      lastAt: isoTime,
      /** Reached through a forward (depth > 1), not the staff member's own card. */
      viaForward: z.boolean(),
    }),
  ),
});
export type MyShare = z.infer<typeof MyShare>;

export const LeadGrade = z.enum(["hot", "warm", "cold"]);
export type LeadGrade = z.infer<typeof LeadGrade>;

/**
 * `PUT /api/lead-scoring` (managers): points per profile fact and per behaviour, the half-life
 * behaviour points decay with, and the grade thresholds.
 */
export const ScoringRules = z
  .object({
    profile: z
      .object({
        perFilledField: z.number().int().min(0).max(100).default(2),
        perTag: z.number().int().min(0).max(100).default(1),
        fromChannel: z.number().int().min(0).max(100).default(5),
      })
      .prefault({}),
    behaviour: z
      .object({
        view: z.number().int().min(0).max(100).default(3),
        /** Per full minute of reading. */
        dwellMinute: z.number().int().min(0).max(100).default(2),
        shareIntent: z.number().int().min(0).max(100).default(5),
        claim: z.number().int().min(0).max(100).default(8),
        redeem: z.number().int().min(0).max(100).default(15),
      })
      .prefault({}),
    halfLifeDays: z.number().min(1).max(365).default(14),
    hotAt: z.number().int().min(1).max(10_000).default(40),
    warmAt: z.number().int().min(1).max(10_000).default(15),
  })
  .refine((r) => r.hotAt > r.warmAt, { message: "hotAt must be above warmAt", path: ["hotAt"] });
export type ScoringRules = z.input<typeof ScoringRules>;
export const ScoringRulesView = z.object({
  profile: z.object({ perFilledField: z.number(), perTag: z.number(), fromChannel: z.number() }),
  behaviour: z.object({ view: z.number(), dwellMinute: z.number(), shareIntent: z.number(), claim: z.number(), redeem: z.number() }),
  halfLifeDays: z.number(),
  hotAt: z.number(),
  warmAt: z.number(),
});
export type ScoringRulesView = z.infer<typeof ScoringRulesView>;

/** `GET /api/customers/:id/score`: the score now, its grade, and the factors that add up to it. */
export const LeadScore = z.object({
  customerId: z.string(),
  score: z.number(),
  grade: LeadGrade,
  factors: z.array(z.object({ label: z.string(), points: z.number() })),
});
export type LeadScore = z.infer<typeof LeadScore>;

/** `POST /api/material-assets` (managers): the stored upload. */
export const MaterialAssetView = z.object({ id: z.string(), contentType: z.string(), size: z.number() });
export type MaterialAssetView = z.infer<typeof MaterialAssetView>;

/** The largest upload: a picture or a PDF. */
export const MATERIAL_ASSET_MAX_BYTES = 10 * 1024 * 1024;
export const MATERIAL_ASSET_TYPES = ["image/png", "image/jpeg", "application/pdf"] as const;

export const MaterialVersionSummary = z.object({ version: z.number(), versionId: z.string(), title: z.string(), createdBy: z.string(), createdAt: isoTime });
export type MaterialVersionSummary = z.infer<typeof MaterialVersionSummary>;
