import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { idColumn, textColumn, timeColumn } from "../../db/migrationColumns";

export class CreateCoupons1764200000100 implements MigrationInterface {
  name = "CreateCoupons1764200000100";

  async up(q: QueryRunner): Promise<void> {
    const int = (name: string, isNullable = false) => ({ name, type: "int", isNullable });
    await q.createTable(
      new Table({
        name: "coupon_stock",
        columns: [
          { ...idColumn("id"), isPrimary: true },
          idColumn("campaign_id"),
          textColumn("name", "64"),
          textColumn("kind", "16"),
          textColumn("wechatpay_stock_id", "32", true),
          { name: "benefit", type: "text" },
          { name: "validity", type: "text" },
          int("total"),
          int("per_customer_limit"),
          { name: "channel_ids", type: "text" },
          textColumn("alert_thresholds", "64"),
          int("alerted_below_pct", true),
          int("shards"),
          textColumn("status", "16"),
          textColumn("created_by", "64"),
          timeColumn("created_at"),
        ],
        indices: [{ name: "idx_coupon_stock_campaign", columnNames: ["campaign_id"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "coupon_stock_counter",
        columns: [
          { ...idColumn("stock_id"), isPrimary: true },
          { ...int("shard"), isPrimary: true },
          int("remaining"),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "coupon_stock_alert",
        columns: [{ ...idColumn("id"), isPrimary: true }, idColumn("stock_id"), int("threshold_pct"), int("remaining"), timeColumn("at")],
        indices: [{ name: "idx_coupon_stock_alert_stock", columnNames: ["stock_id", "at"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "coupon_claim",
        columns: [
          { ...idColumn("id"), isPrimary: true },
          idColumn("stock_id"),
          idColumn("customer_id"),
          int("seq", true),
          textColumn("idempotency_key", "64"),
          textColumn("state", "16"),
          textColumn("refusal", "32", true),
          { ...idColumn("channel_id"), isNullable: true },
          { name: "attribution", type: "text", isNullable: true },
          timeColumn("claimed_at"),
          timeColumn("valid_from"),
          timeColumn("valid_to"),
          textColumn("wechatpay_coupon_id", "64", true),
          textColumn("failure", "255", true),
          timeColumn("redeemed_at", true),
          textColumn("redeemed_by", "64", true),
          textColumn("redeemed_store", "64", true),
          textColumn("transaction_id", "64", true),
          textColumn("consume_mchid", "32", true),
          { name: "face_value_fen", type: "bigint", isNullable: true },
        ],
        indices: [
          { name: "uq_coupon_claim_seq", columnNames: ["stock_id", "customer_id", "seq"], isUnique: true },
          { name: "uq_coupon_claim_idempotency", columnNames: ["customer_id", "idempotency_key"], isUnique: true },
          { name: "idx_coupon_claim_stock", columnNames: ["stock_id", "state"] },
          { name: "idx_coupon_claim_wechatpay", columnNames: ["wechatpay_coupon_id"] },
          { name: "idx_coupon_claim_transaction", columnNames: ["transaction_id"] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["coupon_claim", "coupon_stock_alert", "coupon_stock_counter", "coupon_stock"]) await q.dropTable(table);
  }
}
