import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import type { CouponBenefit, CouponValidity, StockKind, StockStatus } from "@scrm/shared";
import { epochMs, jsonText } from "../db/columns";

/** A coupon stock of a campaign: what a coupon gives, how many exist, who may claim them. */
@Entity({ name: "coupon_stock" })
@Index("idx_coupon_stock_campaign", ["campaignId"])
export class CouponStock {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ name: "campaign_id", type: "varchar", length: 36 })
  campaignId: string;

  @Column({ type: "varchar", length: 64 })
  name: string;

  @Column({ type: "varchar", length: 16 })
  kind: StockKind;

  @Column({ name: "wechatpay_stock_id", type: "varchar", length: 32, nullable: true })
  wechatpayStockId: string | null;

  @Column({ type: "text", transformer: jsonText<CouponBenefit>() })
  benefit: CouponBenefit;

  @Column({ type: "text", transformer: jsonText<CouponValidity>() })
  validity: CouponValidity;

  @Column({ type: "int" })
  total: number;

  @Column({ name: "per_customer_limit", type: "int" })
  perCustomerLimit: number;

  /** Empty: every channel. */
  @Column({ name: "channel_ids", type: "text", transformer: jsonText<string[]>() })
  channelIds: string[];

  @Column({ name: "alert_thresholds", type: "varchar", length: 64, transformer: jsonText<number[]>() })
  alertThresholdsPct: number[];

  /** The lowest threshold managers were already alerted about (null: none yet). */
  @Column({ name: "alerted_below_pct", type: "int", nullable: true })
  alertedBelowPct: number | null;

  /** How many counter rows share the remaining units (spreads lock contention on hot stocks). */
  @Column({ type: "int" })
  shards: number;

  @Column({ type: "varchar", length: 16 })
  status: StockStatus;

  @Column({ name: "created_by", type: "varchar", length: 64 })
  createdBy: string;

  @Column({ name: "created_at", type: "bigint", transformer: epochMs })
  createdAt: Date;
}

/** One share of a stock's remaining units; the stock's remaining count is the exact sum of its shards. */
@Entity({ name: "coupon_stock_counter" })
export class StockCounter {
  @PrimaryColumn({ name: "stock_id", type: "varchar", length: 36 })
  stockId: string;

  @PrimaryColumn({ type: "int" })
  shard: number;

  @Column({ type: "int" })
  remaining: number;
}

/** A threshold crossing that alerted managers (at most one per threshold and stock). */
@Entity({ name: "coupon_stock_alert" })
@Index("idx_coupon_stock_alert_stock", ["stockId", "at"])
export class StockAlert {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ name: "stock_id", type: "varchar", length: 36 })
  stockId: string;

  @Column({ name: "threshold_pct", type: "int" })
  thresholdPct: number;

  @Column({ type: "int" })
  remaining: number;

  /** Real clock. */
  @Column({ type: "bigint", transformer: epochMs })
  at: Date;
}
