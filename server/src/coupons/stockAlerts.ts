import { newId } from "../platform/ids";
import { activeManagers } from "../wecom/directory/staffRecords";
import type { CouponDeps } from "./deps";
import { remainingOf } from "./counters";
import { CouponStock, StockAlert } from "./stock.entity";

export const STOCK_ALERT = "coupon.stock_alert";
/** Claims in a burst are checked together, at most this often per stock and instance. */
const CHECK_DELAY_MS = 250;

/** The lowest threshold (percent remaining) a stock is at or below, if any. */
export function levelOf(thresholdsPct: number[], remaining: number, total: number): number | undefined {
  const crossed = thresholdsPct.filter((pct) => remaining * 100 <= pct * total);
  return crossed.length > 0 ? Math.min(...crossed) : undefined;
}

/**
 * Alerts managers when a stock's remaining units cross a threshold, once per crossing: the stock
 * row records the lowest threshold alerted, and only the instance whose conditional update moves
 * it sends. The message goes through the outbox (retried; WeCom's duplicate check on top).
 */
export class StockAlerts {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: Omit<CouponDeps, "coupons" | "materials">) {}

  /** A claim took a unit: check this stock soon (claims in a burst share one check). */
  noteClaim(stockId: string): void {
    if (this.pending.has(stockId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(stockId);
      this.check(stockId).catch((err: unknown) => this.deps.logger.warn({ err, stockId }, "stock alert check failed"));
    }, CHECK_DELAY_MS);
    timer.unref();
    this.pending.set(stockId, timer);
  }

  /** Checks one stock; answers the threshold it alerted, if it did. */
  async check(stockId: string): Promise<number | undefined> {
    const { db, outbox } = this.deps;
    const stock = await db.manager.findOneBy(CouponStock, { id: stockId });
    if (!stock) return undefined;
    const remaining = (await remainingOf(db.manager, [stockId])).get(stockId) ?? 0;
    const level = levelOf(stock.alertThresholdsPct, remaining, stock.total);
    if (level === undefined || (stock.alertedBelowPct !== null && stock.alertedBelowPct <= level)) return undefined;
    const jobId = await db.transaction(async (em) => {
      const result = await em
        .createQueryBuilder()
        .update(CouponStock)
        .set({ alertedBelowPct: level })
        .where("id = :stockId AND (alerted_below_pct IS NULL OR alerted_below_pct > :level)", { stockId, level })
        .execute();
      if (result.affected !== 1) return undefined;
      const alert: StockAlert = { id: newId(), stockId, thresholdPct: level, remaining, at: new Date() };
      await em.insert(StockAlert, alert);
      return outbox.enqueue(em, STOCK_ALERT, { alertId: alert.id });
    });
    if (!jobId) return undefined;
    outbox.kick(jobId);
    return level;
  }

  /** Checks every active stock (the periodic job: a crossing whose check was lost in a crash). */
  async checkAll(): Promise<void> {
    const stocks = await this.deps.db.manager.find(CouponStock, { where: { status: "active" }, select: { id: true } });
    for (const { id } of stocks) await this.check(id);
  }

  /** The outbox job: tells every active manager. */
  async send(alertId: string): Promise<void> {
    const { db, wecom } = this.deps;
    const alert = await db.manager.findOneBy(StockAlert, { id: alertId });
    const stock = alert && (await db.manager.findOneBy(CouponStock, { id: alert.stockId }));
    if (!alert || !stock) return;
    const managers = await activeManagers(db);
    if (managers.length === 0) return;
    await wecom.appMessages.send({
      touser: managers,
      msgtype: "text",
      text: { content: `优惠券「${stock.name}」库存告警：剩余 ${alert.remaining}/${stock.total}，已低于 ${alert.thresholdPct}%。` },
    });
  }

  stop(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
