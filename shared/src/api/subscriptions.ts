import { z } from "zod";

/**
 * Our name for a subscribe message template (`service_reminder`); the server's config maps each key
 * to the platform's template id and refuses keys it does not know.
 */
export const SubscribeTemplateKey = z.string().min(1).max(32);
export type SubscribeTemplateKey = z.infer<typeof SubscribeTemplateKey>;

/** At most three one-time templates go into one `wx.requestSubscribeMessage`. */
export const SUBSCRIBE_TEMPLATES_PER_REQUEST = 3;

/**
 * `POST /api/subscriptions`: the templates the customer accepted in `wx.requestSubscribeMessage`
 * (keys, not template ids); each is worth one message. Unknown keys are refused and nothing is kept.
 */
export const SubscriptionGrantRequest = z.object({
  accepted: z
    .array(SubscribeTemplateKey)
    .max(SUBSCRIBE_TEMPLATES_PER_REQUEST)
    .refine((keys) => new Set(keys).size === keys.length, "each template once"),
});
export type SubscriptionGrantRequest = z.infer<typeof SubscriptionGrantRequest>;

/** One template the customer may subscribe to: the id to pass to `wx.requestSubscribeMessage`, and the grants left. */
export const SubscriptionView = z.object({
  key: SubscribeTemplateKey,
  templateId: z.string(),
  remaining: z.number().int().min(0),
});
export type SubscriptionView = z.infer<typeof SubscriptionView>;

/** `GET /api/subscriptions` (and the answer to a grant): every configured template, in config order. */
export const SubscriptionsResponse = z.object({ templates: z.array(SubscriptionView) });
export type SubscriptionsResponse = z.infer<typeof SubscriptionsResponse>;
