import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { bigintNumber, epochMs } from "../db/columns";

/** A successful payment through our own mini-program (TRANSACTION.SUCCESS): the order revenue. */
@Entity({ name: "pay_transaction" })
export class PayTransaction {
  @PrimaryColumn({ name: "transaction_id", type: "varchar", length: 64 })
  transactionId: string;

  @Column({ name: "out_trade_no", type: "varchar", length: 64 })
  outTradeNo: string;

  @Index("idx_pay_transaction_payer")
  @Column({ name: "payer_openid", type: "varchar", length: 128, nullable: true })
  payerOpenid: string | null;

  /** Order total, fen. */
  @Column({ name: "amount_fen", type: "bigint", transformer: bigintNumber })
  amountFen: number;

  /** What the payer paid after coupons, fen. */
  @Column({ name: "payer_amount_fen", type: "bigint", transformer: bigintNumber })
  payerAmountFen: number;

  @Column({ name: "success_at", type: "bigint", transformer: epochMs })
  successAt: Date;
}
