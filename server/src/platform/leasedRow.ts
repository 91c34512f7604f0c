import { Column } from "typeorm";

/**
 * The columns every job table shares (inbox, outbox): how often it was tried, why it last failed,
 * and the lease JobLease claims it with. Job entities extend this.
 */
export abstract class LeasedRow {
  @Column({ type: "int" })
  attempts: number;

  @Column({ name: "last_error", type: "text", nullable: true })
  lastError: string | null;

  @Column({ name: "lease_owner", type: "varchar", length: 100, nullable: true })
  leaseOwner: string | null;

  /** Real clock, epoch ms. */
  @Column({ name: "lease_until", type: "bigint", nullable: true })
  leaseUntil: string | null;
}
