import type { CouponDeps } from "./deps";
import { CouponStock } from "./stock.entity";
import { StockAlerts } from "./stockAlerts";
import { RedeemCodes } from "./redeemCode";

/** How long an instance trusts its copy of a stock on the claim path (pausing takes effect within this). */
const STOCK_CACHE_MS = 1_000;

/**
 * Per-instance state of the coupon domain: the hot path's short-lived copy of each stock (a flash
 * sale reads the same row for every claim), the stock-alert checks and the in-store code key.
 */
export class Coupons {
  readonly alerts: StockAlerts;
  readonly codes: RedeemCodes;
  private readonly stocks = new Map<string, { stock: CouponStock | null; until: number }>();

  constructor(private readonly deps: Omit<CouponDeps, "coupons">) {
    this.alerts = new StockAlerts(deps);
    this.codes = new RedeemCodes(deps.config.session.secret);
  }

  async stockForClaim(id: string): Promise<CouponStock | null> {
    const now = Date.now();
    const cached = this.stocks.get(id);
    if (cached && cached.until > now) return cached.stock;
    const stock = await this.deps.db.manager.findOneBy(CouponStock, { id });
    if (this.stocks.size > 1_000) this.stocks.clear();
    this.stocks.set(id, { stock, until: now + STOCK_CACHE_MS });
    return stock;
  }

  /** Drops this instance's copy after a change here (other instances see it within STOCK_CACHE_MS). */
  forget(id: string): void {
    this.stocks.delete(id);
  }
}
