import { In, type EntityManager } from "typeorm";
import { transactionAmounts } from "../pay/transactions";
import { CouponClaim } from "./claim.entity";
import { remainingOf } from "./counters";

export interface StockNumbers {
  remaining: number;
  claimed: number;
  redeemed: number;
  revenueFen: number;
}

const HELD = ["sending", "issued", "redeemed"];

/** A manager's numbers per stock: exact remaining, claimed, redeemed, and the revenue of the payments that used them. */
export async function stockNumbers(em: EntityManager, stockIds: string[]): Promise<Map<string, StockNumbers>> {
  const numbers = new Map(stockIds.map((id) => [id, { remaining: 0, claimed: 0, redeemed: 0, revenueFen: 0 }]));
  if (stockIds.length === 0) return numbers;
  for (const [id, remaining] of await remainingOf(em, stockIds)) numbers.get(id)!.remaining = remaining;
  const counts: { stock_id: string; state: string; n: string | number }[] = await em
    .createQueryBuilder(CouponClaim, "c")
    .select("c.stock_id", "stock_id")
    .addSelect("c.state", "state")
    .addSelect("COUNT(*)", "n")
    .where({ stockId: In(stockIds), state: In(HELD) })
    .groupBy("c.stock_id")
    .addGroupBy("c.state")
    .getRawMany();
  for (const row of counts) {
    const n = numbers.get(row.stock_id)!;
    n.claimed += Number(row.n);
    if (row.state === "redeemed") n.redeemed += Number(row.n);
  }
  const paid = await em
    .createQueryBuilder(CouponClaim, "c")
    .select(["c.stock_id AS stock_id", "c.transaction_id AS transaction_id"])
    .where("c.stock_id IN (:...stockIds) AND c.state = 'redeemed' AND c.transaction_id IS NOT NULL", { stockIds })
    .getRawMany<{ stock_id: string; transaction_id: string }>();
  const amounts = await transactionAmounts(em, paid.map((p) => p.transaction_id));
  // An order that used two coupons of one stock is that stock's revenue once.
  const counted = new Set<string>();
  for (const p of paid) {
    if (counted.has(`${p.stock_id}/${p.transaction_id}`)) continue;
    counted.add(`${p.stock_id}/${p.transaction_id}`);
    numbers.get(p.stock_id)!.revenueFen += amounts.get(p.transaction_id) ?? 0;
  }
  return numbers;
}
