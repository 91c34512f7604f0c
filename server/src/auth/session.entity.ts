import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import type { Role } from "@scrm/shared";
import { epochMs } from "../db/columns";

/** A signed-in user. Only the keyed hash of the bearer token is stored. */
@Entity({ name: "sessions" })
export class Session {
  @PrimaryColumn({ name: "token_hash", type: "varchar", length: 64 })
  tokenHash: string;

  @Column({ type: "varchar", length: 16 })
  role: Role;

  /** The customer id or staff userid this session belongs to. */
  @Column({ name: "subject_id", type: "varchar", length: 64 })
  subjectId: string;

  @Column({ type: "varchar", length: 64 })
  name: string;

  @Column({ name: "created_at", type: "bigint", transformer: epochMs })
  createdAt: Date;

  @Index("idx_sessions_expires_at")
  @Column({ name: "expires_at", type: "bigint", transformer: epochMs })
  expiresAt: Date;
}
