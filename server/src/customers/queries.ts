import type { CustomerDetail, CustomerSummary, SessionUser } from "@scrm/shared";
import type { Database } from "../db/database";
import { Customer } from "./customer.entity";
import { CustomerFollow, type FollowStatus } from "./follow.entity";
import { TimelineEntry } from "./timeline.entity";

export interface CustomerFilter {
  channelId?: string;
  tag?: string;
  status?: FollowStatus;
  limit: number;
  offset: number;
}

const TIMELINE_LIMIT = 200;

/** Staff see only the relations that are theirs; managers see all. */
const scopeOf = (viewer: SessionUser) => (viewer.role === "manager" ? {} : { staffUserId: viewer.id });

export async function listCustomers(db: Database, viewer: SessionUser, filter: CustomerFilter): Promise<{ customers: CustomerSummary[]; total: number }> {
  const qb = db.manager
    .createQueryBuilder(CustomerFollow, "f")
    .innerJoinAndMapOne("f.customer", Customer, "c", "c.id = f.customerId")
    .orderBy("f.addedAt", "DESC")
    .addOrderBy("f.id", "ASC");
  const scope = scopeOf(viewer);
  if ("staffUserId" in scope) qb.andWhere("f.staffUserId = :staff", { staff: scope.staffUserId });
  if (filter.channelId) qb.andWhere("f.channelId = :channelId", { channelId: filter.channelId });
  if (filter.status) qb.andWhere("f.status = :status", { status: filter.status });
  // Tags are a short JSON list per relation; matching the quoted id inside it is exact.
  if (filter.tag) qb.andWhere("f.tags LIKE :tag", { tag: `%${JSON.stringify(filter.tag)}%` });
  const [rows, total] = await qb.skip(filter.offset).take(filter.limit).getManyAndCount();
  return { customers: rows.map((f) => presentFollow(f, (f as CustomerFollow & { customer: Customer }).customer)), total };
}

/** A customer's record for a viewer who may see it; undefined when they may not (or it does not exist). */
export async function customerDetail(db: Database, viewer: SessionUser, customerId: string): Promise<CustomerDetail | undefined> {
  const customer = await db.manager.findOneBy(Customer, { id: customerId });
  if (!customer) return undefined;
  const follows = await db.manager.find(CustomerFollow, { where: { customerId, ...scopeOf(viewer) }, order: { addedAt: "DESC" } });
  if (follows.length === 0 && viewer.role !== "manager") return undefined;
  const timeline = await db.manager.find(TimelineEntry, { where: { customerId }, order: { at: "DESC" }, take: TIMELINE_LIMIT });
  return {
    customer: { id: customer.id, name: customer.name, avatar: customer.avatar, gender: customer.gender, createdAt: customer.createdAt.toISOString() },
    follows: follows.map((f) => presentFollow(f, customer)),
    timeline: timeline.map((t) => ({ kind: t.kind, at: t.at.toISOString(), data: JSON.parse(t.data) as Record<string, unknown> })),
  };
}

export const presentFollow = (f: CustomerFollow, c: Customer): CustomerSummary => ({
  customerId: c.id,
  name: c.name,
  avatar: c.avatar,
  staffUserId: f.staffUserId,
  channelId: f.channelId,
  status: f.status,
  addedAt: f.addedAt.toISOString(),
  remark: f.remark,
  tags: f.tags,
});
