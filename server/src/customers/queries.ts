import type { CustomerDetail, CustomerList, CustomerListItem, CustomerSummary, SessionUser } from "@scrm/shared";
import { In } from "typeorm";
import type { AppDeps } from "../deps";
import type { Database } from "../db/database";
import { scoresOf, type CustomerScore } from "../materials/scoring/scores";
import { Customer } from "./customer.entity";
import { CustomerFollow, type FollowStatus } from "./follow.entity";
import { TimelineEntry } from "./timeline.entity";

export interface CustomerFilter {
  channelId?: string;
  tag?: string;
  status?: FollowStatus;
  sort?: "recent" | "score";
  limit: number;
  offset: number;
}

const TIMELINE_LIMIT = 200;

/** Staff see only the relations that are theirs; managers see all. */
const scopeOf = (viewer: SessionUser) => (viewer.role === "manager" ? {} : { staffUserId: viewer.id });

/**
 * The viewer's relations, each with the customer's lead score today. Sorted by score, the order is
 * computed here over the viewer's whole (filtered) list: a score's profile part counts tags across
 * all of the customer's relations, which portable SQL cannot sum per customer; a staff member's
 * list is hundreds to a few thousand rows, read as ids and sort keys only.
 */
export async function listCustomers(deps: Pick<AppDeps, "db" | "clock">, viewer: SessionUser, filter: CustomerFilter): Promise<CustomerList> {
  const qb = deps.db.manager.createQueryBuilder(CustomerFollow, "f");
  const scope = scopeOf(viewer);
  if ("staffUserId" in scope) qb.andWhere("f.staffUserId = :staff", { staff: scope.staffUserId });
  if (filter.channelId) qb.andWhere("f.channelId = :channelId", { channelId: filter.channelId });
  if (filter.status) qb.andWhere("f.status = :status", { status: filter.status });
  // Tags are a short JSON list per relation; matching the quoted id inside it is exact.
  if (filter.tag) qb.andWhere("f.tags LIKE :tag", { tag: `%${JSON.stringify(filter.tag)}%` });

  if (filter.sort === "score") {
    const all = await qb.select(["f.id", "f.customerId", "f.addedAt"]).getMany();
    const scores = await scoresOf(deps, all.map((f) => f.customerId));
    const exact = (f: CustomerFollow) => scores.get(f.customerId)?.exact ?? 0;
    all.sort((a, b) => exact(b) - exact(a) || b.addedAt.getTime() - a.addedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const page = all.slice(filter.offset, filter.offset + filter.limit).map((f) => f.id);
    const rows = await followsWithCustomers(deps.db, page);
    const byId = new Map(rows.map((r) => [r.follow.id, r]));
    const customers = page.flatMap((id) => {
      const r = byId.get(id);
      return r ? [presentListItem(r.follow, r.customer, scores.get(r.customer.id))] : [];
    });
    return { customers, total: all.length };
  }

  const [rows, total] = await qb
    .innerJoinAndMapOne("f.customer", Customer, "c", "c.id = f.customerId")
    .orderBy("f.addedAt", "DESC")
    .addOrderBy("f.id", "ASC")
    .skip(filter.offset)
    .take(filter.limit)
    .getManyAndCount();
  const withCustomers = rows.map((f) => ({ follow: f, customer: (f as CustomerFollow & { customer: Customer }).customer }));
  const scores = await scoresOf(deps, withCustomers.map((r) => r.customer.id));
  return { customers: withCustomers.map((r) => presentListItem(r.follow, r.customer, scores.get(r.customer.id))), total };
}

async function followsWithCustomers(db: Database, ids: string[]): Promise<{ follow: CustomerFollow; customer: Customer }[]> {
  if (ids.length === 0) return [];
  const follows = await db.manager.findBy(CustomerFollow, { id: In(ids) });
  const customers = new Map((await db.manager.findBy(Customer, { id: In([...new Set(follows.map((f) => f.customerId))]) })).map((c) => [c.id, c]));
  return follows.flatMap((follow) => {
    const customer = customers.get(follow.customerId);
    return customer ? [{ follow, customer }] : [];
  });
}

const presentListItem = (f: CustomerFollow, c: Customer, score: CustomerScore | undefined): CustomerListItem => ({
  ...presentFollow(f, c),
  score: score?.score ?? 0,
  grade: score?.grade ?? "cold",
});

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
