import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { bigintNumber, epochMs } from "../../db/columns";

/** The one global row of `lead_scoring_rules`. */
export const GLOBAL_RULES = "global";

/**
 * The managers' scoring rules (JSON, read through `ScoringRules` so a field added later takes its
 * default), and the basis every customer's behaviour value is normalised to: `basisAt` and the
 * half-life in force. Both change together, in the transaction that rebases `lead_score`.
 */
@Entity({ name: "lead_scoring_rules" })
export class LeadScoringRulesRow {
  @PrimaryColumn({ type: "varchar", length: 16 })
  id: string;

  @Column({ type: "text" })
  rules: string;

  /** Business time the stored behaviour values are normalised to (see model.ts). */
  @Column({ name: "basis_at", type: "bigint", transformer: epochMs })
  basisAt: Date;

  @Column({ name: "half_life_ms", type: "bigint", transformer: bigintNumber })
  halfLifeMs: number;

  @Column({ name: "updated_at", type: "bigint", transformer: epochMs })
  updatedAt: Date;

  @Column({ name: "updated_by", type: "varchar", length: 64, nullable: true })
  updatedBy: string | null;
}

/**
 * A customer's behaviour score as one number normalised to the rules' basis:
 * `norm = Σ points × 2^((at − basisAt) / halfLife)`. Today's value is `norm × 2^(−(now − basisAt) / halfLife)`,
 * so an event is one commutative `norm = norm + …` (no lost updates, in any order) and every
 * customer's value decays by the same factor: ordering by `norm` is ordering by the decayed value.
 */
@Entity({ name: "lead_score" })
export class LeadScoreRow {
  @PrimaryColumn({ name: "customer_id", type: "varchar", length: 36 })
  customerId: string;

  @Column({ type: "double" })
  norm: number;

  /** Behaviour points as earned, before decay. */
  @Column({ name: "raw_points", type: "int" })
  rawPoints: number;

  /** Reading time not yet worth a full minute's points. */
  @Column({ name: "dwell_carry_ms", type: "int" })
  dwellCarryMs: number;

  /** Business time of the latest behaviour. */
  @Column({ name: "last_at", type: "bigint", transformer: epochMs })
  lastAt: Date;

  /** Set when the owning staff were told the customer turned hot; cleared once they cool down. */
  @Column({ type: "boolean" })
  hot: boolean;
}

export type FactorKind = "view" | "dwell" | "share_intent" | "claim" | "redeem";

/** One behaviour that earned points: what the score's explanation is built from. */
@Entity({ name: "lead_score_factor" })
@Index("idx_lead_score_factor_customer", ["customerId", "kind", "label"])
export class LeadScoreFactor {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ name: "customer_id", type: "varchar", length: 36 })
  customerId: string;

  @Column({ type: "varchar", length: 16 })
  kind: FactorKind;

  /** e.g. `阅读《新品发布》`; identical labels are shown as one line. */
  @Column({ type: "varchar", length: 128 })
  label: string;

  @Column({ type: "int" })
  points: number;

  /** Dwell: whole minutes; otherwise 1. */
  @Column({ type: "int" })
  qty: number;

  @Column({ type: "bigint", transformer: epochMs })
  at: Date;
}
