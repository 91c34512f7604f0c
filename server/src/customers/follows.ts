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

/** Whether a customer has ever added one of our staff (a referral cannot bring someone already ours). */
export async function hasEverFollowed(db: Database, customerId: string): Promise<boolean> {
  return db.manager.existsBy(CustomerFollow, { customerId });
}
