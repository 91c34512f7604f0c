import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { bigintNumber, epochMs } from "../db/columns";

/**
 * `sending`: a WeChat Pay coupon waiting for its send; `issued`: the customer holds it; `failed`:
 * WeChat Pay refused it (unit back in stock); `refused`: we answered no (kept so the same
 * Idempotency-Key answers the same); `redeemed`.
 */
export type ClaimState = "sending" | "issued" | "failed" | "refused" | "redeemed";

/** A customer's claim of one coupon: the coupon itself once issued. */
@Entity({ name: "coupon_claim" })
// The per-customer limit: one row per (stock, customer, 1..limit); failed and refused claims hold no seq.
@Index("uq_coupon_claim_seq", ["stockId", "customerId", "seq"], { unique: true })
@Index("uq_coupon_claim_idempotency", ["customerId", "idempotencyKey"], { unique: true })
@Index("idx_coupon_claim_stock", ["stockId", "state"])
export class CouponClaim {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ name: "stock_id", type: "varchar", length: 36 })
  stockId: string;

  @Column({ name: "customer_id", type: "varchar", length: 36 })
  customerId: string;

  @Column({ type: "int", nullable: true })
  seq: number | null;

  @Column({ name: "idempotency_key", type: "varchar", length: 64 })
  idempotencyKey: string;

  @Column({ type: "varchar", length: 16 })
  state: ClaimState;

  /** The error code a refused claim answered. */
  @Column({ type: "varchar", length: 32, nullable: true })
  refusal: string | null;

  @Column({ name: "channel_id", type: "varchar", length: 36, nullable: true })
  channelId: string | null;

  /** The Attribution JSON. */
  @Column({ type: "text", nullable: true })
  attribution: string | null;

  /** Business time, as are the validity bounds and the redemption. */
  @Column({ name: "claimed_at", type: "bigint", transformer: epochMs })
  claimedAt: Date;

  @Column({ name: "valid_from", type: "bigint", transformer: epochMs })
  validFrom: Date;

  @Column({ name: "valid_to", type: "bigint", transformer: epochMs })
  validTo: Date;

  @Index("idx_coupon_claim_wechatpay")
  @Column({ name: "wechatpay_coupon_id", type: "varchar", length: 64, nullable: true })
  wechatpayCouponId: string | null;

  @Column({ name: "failure", type: "varchar", length: 255, nullable: true })
  failure: string | null;

  @Column({ name: "redeemed_at", type: "bigint", nullable: true, transformer: epochMs })
  redeemedAt: Date | null;

  /** The staff member who scanned it in store. */
  @Column({ name: "redeemed_by", type: "varchar", length: 64, nullable: true })
  redeemedBy: string | null;

  @Column({ name: "redeemed_store", type: "varchar", length: 64, nullable: true })
  redeemedStore: string | null;

  /** WeChat Pay checkout: the payment that used it, the merchant, and the coupon's face value. */
  @Index("idx_coupon_claim_transaction")
  @Column({ name: "transaction_id", type: "varchar", length: 64, nullable: true })
  transactionId: string | null;

  @Column({ name: "consume_mchid", type: "varchar", length: 32, nullable: true })
  consumeMchid: string | null;

  @Column({ name: "face_value_fen", type: "bigint", nullable: true, transformer: bigintNumber })
  faceValueFen: number | null;
}
