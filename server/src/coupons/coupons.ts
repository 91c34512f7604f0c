import { TtlCache } from "../platform/ttlCache";
import type { CouponDeps } from "./deps";
import { CouponStock } from "./stock.entity";
import { StockAlerts } from "./stockAlerts";
import { RedeemCodes } from "./redeemCode";
import { ClaimWriter } from "./claimWriter";

/** How long an instance trusts its copy of a stock on the claim path (pausing takes effect within this). */
const STOCK_CACHE_MS = 1_000;
/**
 * How long a claim that found a stock empty lets this instance answer "sold out" without asking
 * the database (a unit a failed WeChat Pay send gives back is claimable again after this).
 */
const SOLD_OUT_HINT_MS = 500;

/**
 * Per-instance state of the coupon domain: the hot path's short-lived copy of each stock (a flash
 * sale reads the same row for every claim), the stock-alert checks, the in-store code key and the claims' group commits.
 */
export class Coupons {
  readonly alerts: StockAlerts;
  readonly codes: RedeemCodes;
  readonly writer: ClaimWriter;
  private readonly stocks = new TtlCache<string, CouponStock | null>(STOCK_CACHE_MS, 1_000);
  private readonly soldOutUntil = new Map<string, number>();

  constructor(private readonly deps: Omit<CouponDeps, "coupons" | "materials">) {
    this.alerts = new StockAlerts(deps);
    this.codes = new RedeemCodes(deps.config.session.secret);
    this.writer = new ClaimWriter(deps);
  }

  stockForClaim(id: string): Promise<CouponStock | null> {
    return this.stocks.get(id, (key) => this.deps.db.manager.findOneBy(CouponStock, { id: key }));
  }

  /** Drops this instance's copy after a change here (other instances see it within STOCK_CACHE_MS). */
  forget(id: string): void {
    this.stocks.delete(id);
    this.soldOutUntil.delete(id);
  }

  /** A claim just found no unit left: the flash sale's tail is answered without a transaction each. */
  noteSoldOut(id: string): void {
    this.soldOutUntil.set(id, Date.now() + SOLD_OUT_HINT_MS);
  }

  recentlySoldOut(id: string): boolean {
    return (this.soldOutUntil.get(id) ?? 0) > Date.now();
  }
}
