import type { EntityManager } from "typeorm";
import { affectedRows, type DatabaseKind } from "../db/database";
import { StockCounter } from "./stock.entity";

/** Units per counter row before a stock gets another one, and the most rows a stock gets. */
const UNITS_PER_SHARD = 500;
const MAX_SHARDS = 16;

/**
 * How many counter rows share a stock's units. SQLite writes one transaction at a time, so more
 * rows would spread nothing; on MySQL a hot stock's claims lock different rows.
 */
export const shardsFor = (total: number, kind: DatabaseKind): number =>
  kind === "sqlite" ? 1 : Math.min(MAX_SHARDS, Math.max(1, Math.ceil(total / UNITS_PER_SHARD)));

/** A stock's units split over its shards as evenly as possible; the sum is exactly `total`. */
export function counterRows(stockId: string, total: number, shards: number): StockCounter[] {
  return Array.from({ length: shards }, (_, shard) => ({
    stockId,
    shard,
    remaining: Math.floor(total / shards) + (shard < total % shards ? 1 : 0),
  }));
}

/**
 * Takes up to `wanted` units with conditional decrements, in the caller's (read-committed)
 * transaction; answers how many it took. Usually one statement on a random shard; when that shard
 * has too few, it takes what each shard with units has, locking them in ascending order so two
 * instances doing the same never wait on each other in a circle.
 */
export async function takeUnits(em: EntityManager, kind: DatabaseKind, stockId: string, shards: number, wanted: number): Promise<number> {
  if (wanted === 0) return 0;
  const first = Math.floor(Math.random() * shards);
  const all = "UPDATE coupon_stock_counter SET remaining = remaining - ? WHERE stock_id = ? AND shard = ? AND remaining >= ?";
  if ((await affectedRows(em, all, [wanted, stockId, first, wanted])) === 1) return wanted;
  const open = await em
    .createQueryBuilder(StockCounter, "c")
    .select("c.shard", "shard")
    .where("c.stock_id = :stockId AND c.remaining > 0", { stockId })
    .orderBy("c.shard", "ASC")
    .getRawMany<{ shard: number }>();
  let taken = 0;
  for (const { shard } of open) {
    const [row] = (await em.query(`SELECT remaining FROM coupon_stock_counter WHERE stock_id = ? AND shard = ?${kind === "mysql" ? " FOR UPDATE" : ""}`, [
      stockId,
      shard,
    ])) as { remaining: number | string }[];
    const take = Math.min(Number(row?.remaining ?? 0), wanted - taken);
    if (take > 0) await affectedRows(em, "UPDATE coupon_stock_counter SET remaining = remaining - ? WHERE stock_id = ? AND shard = ?", [take, stockId, shard]);
    taken += take;
    if (taken === wanted) break;
  }
  return taken;
}

/** Returns one unit (a WeChat Pay send refused for good), in the caller's transaction. */
export async function giveUnitBack(em: EntityManager, stockId: string, shards: number): Promise<void> {
  await affectedRows(em, "UPDATE coupon_stock_counter SET remaining = remaining + 1 WHERE stock_id = ? AND shard = ?", [stockId, Math.floor(Math.random() * shards)]);
}

/** The exact remaining units of each stock. */
export async function remainingOf(em: EntityManager, stockIds: string[]): Promise<Map<string, number>> {
  if (stockIds.length === 0) return new Map();
  const rows: { stock_id: string; remaining: string | number }[] = await em
    .createQueryBuilder(StockCounter, "c")
    .select("c.stock_id", "stock_id")
    .addSelect("SUM(c.remaining)", "remaining")
    .where("c.stock_id IN (:...stockIds)", { stockIds })
    .groupBy("c.stock_id")
    .getRawMany();
  return new Map(rows.map((r) => [r.stock_id, Number(r.remaining)]));
}
