import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { epochMs } from "../db/columns";

/**
 * One person, whatever ids they reach us with (OneID). Identities live in `customer_identities`;
 * a merged customer keeps its row with `mergedInto` so history that points at it still resolves.
 */
@Entity({ name: "customers" })
export class Customer {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 64 })
  name: string;

  @Column({ type: "varchar", length: 512 })
  avatar: string;

  /** 0 unknown, 1 male, 2 female (WeCom's values). */
  @Column({ type: "int" })
  gender: number;

  /** AES-256-GCM ciphertext of the phone number (only with consent); never in logs. */
  @Column({ name: "phone_cipher", type: "varchar", length: 255, nullable: true })
  phoneCipher: string | null;

  @Column({ name: "consented_at", type: "bigint", nullable: true, transformer: epochMs })
  consentedAt: Date | null;

  /** The first touch's attribution (JSON), kept for first-touch analytics. */
  @Column({ name: "first_touch", type: "text", nullable: true })
  firstTouch: string | null;

  @Index("idx_customers_merged_into")
  @Column({ name: "merged_into", type: "varchar", length: 36, nullable: true })
  mergedInto: string | null;

  @Column({ name: "created_at", type: "bigint", transformer: epochMs })
  createdAt: Date;
}

export type IdentityKind = "wecom_external" | "miniapp_openid" | "unionid" | "phone" | "invite";

/** One id that points at a customer; unique per kind, so two records can never claim it. */
@Entity({ name: "customer_identities" })
@Index("uq_customer_identities", ["kind", "value"], { unique: true })
export class CustomerIdentity {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index("idx_customer_identities_customer")
  @Column({ name: "customer_id", type: "varchar", length: 36 })
  customerId: string;

  @Column({ type: "varchar", length: 24 })
  kind: IdentityKind;

  /** The id itself; for phones, the keyed hash, never the number. */
  @Column({ type: "varchar", length: 128 })
  value: string;

  @Column({ name: "created_at", type: "bigint", transformer: epochMs })
  createdAt: Date;
}

/** A record of two customer records found to be one person. */
@Entity({ name: "customer_merges" })
export class CustomerMerge {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ name: "from_customer", type: "varchar", length: 36 })
  fromCustomer: string;

  @Column({ name: "into_customer", type: "varchar", length: 36 })
  intoCustomer: string;

  /** The identity that showed they are one person, e.g. `unionid`. */
  @Column({ type: "varchar", length: 64 })
  reason: string;

  @Column({ type: "bigint", transformer: epochMs })
  at: Date;
}
