import { z } from "zod";

export const InboxState = z.enum(["pending", "done", "dead"]);

/** `GET /api/admin/wecom/events?state=…`: stored WeCom callbacks, newest first. */
export const WecomEventsQuery = z.object({
  /** `failing` = pending with an error, waiting for a retry. */
  state: z.enum(["pending", "failing", "done", "dead"]).default("dead"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const WecomEventSummary = z.object({
  id: z.string(),
  event: z.string(),
  changeType: z.string(),
  userId: z.string(),
  externalUserId: z.string(),
  createTime: z.number(),
  state: InboxState,
  attempts: z.number(),
  lastError: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  handledAt: z.iso.datetime().nullable(),
});
export type WecomEventSummary = z.infer<typeof WecomEventSummary>;

export const WecomEventsResponse = z.object({ events: z.array(WecomEventSummary) });
export type WecomEventsResponse = z.infer<typeof WecomEventsResponse>;
