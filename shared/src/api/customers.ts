import { z } from "zod";
import { LeadGrade } from "./materials";

export const FollowStatus = z.enum(["active", "pending", "lost", "removed"]);

/** `GET /api/customers`: staff see the customers who follow them; managers see everyone's. */
export const CustomerListQuery = z.object({
  channelId: z.string().max(36).optional(),
  tag: z.string().max(64).optional(),
  status: FollowStatus.optional(),
  /** `recent`: latest added first; `score`: highest lead score today first, ties by the latest added. */
  sort: z.enum(["recent", "score"]).default("recent"),
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

/** A row of the customer list: the relation, with the customer's lead score today and its grade. */
export const CustomerListItem = CustomerSummary.extend({ score: z.number(), grade: LeadGrade });
export type CustomerListItem = z.infer<typeof CustomerListItem>;

export const CustomerList = z.object({ customers: z.array(CustomerListItem), total: z.number() });
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

/**
 * `POST /api/customers/:id/reassign` (managers): hands the customer from a staff member (by default
 * the one they added last) to another through WeCom's 在职继承; WeCom moves them 24 hours later
 * unless they refuse, and the new staff member's response deadline starts then.
 */
export const ReassignRequest = z.object({
  staffUserId: z.string().min(1).max(64),
  fromStaffUserId: z.string().min(1).max(64).optional(),
  /** What WeCom tells the customer when the new staff member takes over (≤ 200 characters). */
  message: z.string().trim().min(1).max(200).optional(),
});
export const ReassignResponse = z.object({ fromStaffUserId: z.string(), staffUserId: z.string(), takeoverAt: z.iso.datetime() });
export type ReassignResponse = z.infer<typeof ReassignResponse>;
