import { Column, Entity, PrimaryColumn } from "typeorm";
import { bigintNumber } from "../../db/columns";

/**
 * The access token of one WeCom secret, shared by every instance. A refresh is claimed through the
 * lease columns (conditional UPDATE), so one instance asks WeCom while the others wait for its token.
 * Times are epoch ms of the real clock.
 */
@Entity({ name: "wecom_access_tokens" })
export class WecomAccessToken {
  /** The secret kind: `contact`, `directory` or `app`. */
  @PrimaryColumn({ type: "varchar", length: 16 })
  kind: string;

  @Column({ type: "varchar", length: 512, nullable: true })
  token: string | null;

  /** Which corp and secret the token belongs to (a hash), so a changed secret never reuses an old token. */
  @Column({ name: "secret_fingerprint", type: "varchar", length: 64, nullable: true })
  secretFingerprint: string | null;

  @Column({ name: "expires_at", type: "bigint", nullable: true, transformer: bigintNumber })
  expiresAt: number | null;

  /** When to ask for a new token: a margin before expiry. */
  @Column({ name: "refresh_at", type: "bigint", nullable: true, transformer: bigintNumber })
  refreshAt: number | null;

  @Column({ name: "lease_owner", type: "varchar", length: 100, nullable: true })
  leaseOwner: string | null;

  @Column({ name: "lease_until", type: "bigint", nullable: true, transformer: bigintNumber })
  leaseUntil: number | null;
}
