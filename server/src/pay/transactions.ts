import { In, type EntityManager } from "typeorm";
import { z } from "zod";
import { isDuplicateKey, type Database } from "../db/database";
import { PayTransaction } from "./transaction.entity";

/** Order totals (fen) of recorded payments, by transaction id (payments not recorded are absent). */
export async function transactionAmounts(em: EntityManager, transactionIds: string[]): Promise<Map<string, number>> {
  const unique = [...new Set(transactionIds)];
  const amounts = new Map<string, number>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await em.find(PayTransaction, { where: { transactionId: In(unique.slice(i, i + 500)) }, select: { transactionId: true, amountFen: true } });
    for (const r of rows) amounts.set(r.transactionId, r.amountFen);
  }
  return amounts;
}

const TransactionResource = z.object({
  transaction_id: z.string().min(1).max(64),
  out_trade_no: z.string().max(64),
  trade_state: z.string(),
  success_time: z.string(),
  payer: z.object({ openid: z.string().max(128) }).partial().optional(),
  amount: z.object({ total: z.number().int().min(0), payer_total: z.number().int().min(0).optional() }),
});

/** TRANSACTION.SUCCESS: a payment through our own mini-program, kept as order revenue. */
export async function recordTransaction(db: Database, resource: unknown): Promise<string> {
  const parsed = TransactionResource.safeParse(resource);
  if (!parsed.success || parsed.data.trade_state !== "SUCCESS") return "ignored";
  const t = parsed.data;
  try {
    await db.transaction((em) =>
      em.insert(PayTransaction, {
        transactionId: t.transaction_id,
        outTradeNo: t.out_trade_no,
        payerOpenid: t.payer?.openid ?? null,
        amountFen: t.amount.total,
        payerAmountFen: t.amount.payer_total ?? t.amount.total,
        successAt: new Date(t.success_time),
      }),
    );
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return "duplicate";
  }
  return "recorded";
}
