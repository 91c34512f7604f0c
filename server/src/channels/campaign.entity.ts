import { Column, Entity, PrimaryColumn } from "typeorm";
import { bigintNumber, epochMs } from "../db/columns";

/** A marketing campaign: channels, coupon stocks, materials, referral ladders and plans hang off it. */
@Entity({ name: "campaigns" })
export class Campaign {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 64 })
  name: string;

  @Column({ name: "starts_at", type: "bigint", transformer: epochMs })
  startsAt: Date;

  @Column({ name: "ends_at", type: "bigint", transformer: epochMs })
  endsAt: Date;

  /** Integer fen. */
  @Column({ name: "budget_fen", type: "bigint", transformer: bigintNumber })
  budgetFen: number;

  @Column({ name: "archived_at", type: "bigint", nullable: true, transformer: epochMs })
  archivedAt: Date | null;

  @Column({ name: "created_at", type: "bigint", transformer: epochMs })
  createdAt: Date;
}
