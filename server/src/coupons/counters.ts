import type { EntityManager } from "typeorm";
import type { DatabaseKind } from "../db/database";
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

async function affected(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const result = (await em.queryRunner!.query(sql, params, true)) as { affected?: number };
  return result.affected ?? 0;
}

const TAKE = "UPDATE coupon_stock_counter SET remaining = remaining - 1 WHERE stock_id = ? AND shard = ? AND remaining > 0";

/**
 * Takes one unit with a conditional decrement, in the caller's transaction: false when none is
 * left. A random shard first; when it is empty, any shard that still has one (several shards
 * exist only on MySQL, see shardsFor: its locking UPDATE reads the latest rows, not a snapshot).
 */
export async function takeUnit(em: EntityManager, stockId: string, shards: number): Promise<boolean> {
  if ((await affected(em, TAKE, [stockId, Math.floor(Math.random() * shards)])) === 1) return true;
  if (shards === 1) return false;
  return (await affected(em, "UPDATE coupon_stock_counter SET remaining = remaining - 1 WHERE stock_id = ? AND remaining > 0 LIMIT 1", [stockId])) === 1;
}

/** Returns one unit (a WeChat Pay send refused for good), in the caller's transaction. */
export async function giveUnitBack(em: EntityManager, stockId: string, shards: number): Promise<void> {
  await affected(em, "UPDATE coupon_stock_counter SET remaining = remaining + 1 WHERE stock_id = ? AND shard = ?", [stockId, Math.floor(Math.random() * shards)]);
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
