import { In } from "typeorm";
import type { Database } from "../db/database";
import { CustomerFollow } from "./follow.entity";

/** Adds through a channel since a time (business), per staff member: what routing caps count. */
export async function channelAddsSince(db: Database, channelId: string, since: Date): Promise<Map<string, number>> {
  const rows: { staff: string; adds: string | number }[] = await db.manager
    .createQueryBuilder(CustomerFollow, "f")
    .select("f.staffUserId", "staff")
    .addSelect("COUNT(*)", "adds")
    .where("f.channelId = :channelId AND f.addedAt >= :since", { channelId, since: since.getTime() })
    .groupBy("f.staffUserId")
    .getRawMany();
  return new Map(rows.map((r) => [r.staff, Number(r.adds)]));
}

/** The customer behind a WeCom relation (external contact + staff member), once capture has recorded it. */
export async function customerOfRelation(db: Database, externalUserId: string, staffUserId: string): Promise<string | undefined> {
  const follow = await db.manager.findOne(CustomerFollow, { where: { externalUserId, staffUserId }, select: { customerId: true } });
  return follow?.customerId;
}

/** When the customer's oldest relation that is still active began; undefined when none is active. */
export async function activeSince(db: Database, customerIds: string[]): Promise<Date | undefined> {
  const active = await db.manager.find(CustomerFollow, { where: { customerId: In(customerIds), status: "active" }, select: { addedAt: true }, order: { addedAt: "ASC" }, take: 1 });
  return active[0]?.addedAt;
}
