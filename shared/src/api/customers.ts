import { z } from "zod";

export const FollowStatus = z.enum(["active", "pending", "lost", "removed"]);

/** `GET /api/customers`: staff see the customers who follow them; managers see everyone's. */
export const CustomerListQuery = z.object({
  channelId: z.string().max(36).optional(),
  tag: z.string().max(64).optional(),
  status: FollowStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const CustomerSummary = z.object({
  customerId: z.string(),
  name: z.string(),
  avatar: z.string(),
  staffUserId: z.string(),
  channelId: z.string().nullable(),
  status: FollowStatus,
  addedAt: z.iso.datetime(),
  remark: z.string().nullable(),
  tags: z.array(z.string()),
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const CustomerList = z.object({ customers: z.array(CustomerSummary), total: z.number() });
export type CustomerList = z.infer<typeof CustomerList>;

export const TimelineItem = z.object({ kind: z.string(), at: z.iso.datetime(), data: z.record(z.string(), z.unknown()) });
export type TimelineItem = z.infer<typeof TimelineItem>;

export const CustomerDetail = z.object({
  customer: z.object({ id: z.string(), name: z.string(), avatar: z.string(), gender: z.number(), createdAt: z.iso.datetime() }),
  follows: z.array(CustomerSummary),
  timeline: z.array(TimelineItem),
});
export type CustomerDetail = z.infer<typeof CustomerDetail>;

/** `PATCH /api/customers/:id/follow`: a staff member's remark and tags for their customer (tags sync to WeCom). */
export const FollowEdit = z.object({
  remark: z.string().trim().max(64).nullable().optional(),
  tags: z.array(z.string().min(1).max(64)).max(50).optional(),
  /** Managers editing someone else's relation name the staff member. */
  staffUserId: z.string().max(64).optional(),
});
export type FollowEdit = z.infer<typeof FollowEdit>;
