import { wechatPayTime } from "../../pay/wireTime";
import { ActionRefused } from "../actions";
import type { FavorStocks } from "./favor";
import type { PayEvent } from "./notifications";
import { randomDigits } from "./wire";

export interface CheckoutInput {
  couponId: string;
  /** The order total in fen; default the least the coupon applies to. */
  totalFen?: number;
  /** Who pays: must be the coupon's holder. Default that holder. */
  payerOpenid?: string;
}

export interface Checkout {
  transactionId: string;
  outTradeNo: string;
  /** COUPON.USE, then TRANSACTION.SUCCESS. */
  events: PayEvent[];
}

/**
 * A user pays at our merchant with a coupon: the coupon is used, and WeChat Pay has two things to
 * tell the merchant, that the coupon was used (COUPON.USE, which carries no order amount) and
 * that the payment succeeded (TRANSACTION.SUCCESS, with the discount in promotion_detail).
 */
export function checkoutWithCoupon(favor: FavorStocks, merchant: { mchid: string; appId: string }, input: CheckoutInput, nowMs: number): Checkout {
  const found = favor.listCoupons().find((c) => c.couponId === input.couponId);
  if (!found) throw new ActionRefused(`no coupon ${input.couponId}`);
  const payer = input.payerOpenid ?? found.openid;
  if (payer !== found.openid) throw new ActionRefused(`coupon ${input.couponId} belongs to another user`);
  // A coupon applies from its threshold, and the payer always pays at least 1 fen.
  const totalFen = input.totalFen ?? Math.max(found.transactionMinimumFen, found.couponAmountFen + 1);
  if (totalFen < found.transactionMinimumFen) throw new ActionRefused(`the order total ${totalFen} is below the coupon's threshold ${found.transactionMinimumFen}`);
  if (totalFen <= found.couponAmountFen) throw new ActionRefused(`the order total ${totalFen} does not exceed the coupon's ${found.couponAmountFen}`);

  const transactionId = `42000${randomDigits(23)}`;
  const outTradeNo = `SIM${nowMs}${randomDigits(6)}`;
  const coupon = favor.consume(input.couponId, { atMs: nowMs, mchid: merchant.mchid, transactionId });
  const stock = favor.stock(coupon.stockId);
  const transaction = {
    appid: merchant.appId,
    mchid: merchant.mchid,
    out_trade_no: outTradeNo,
    transaction_id: transactionId,
    trade_type: "JSAPI",
    trade_state: "SUCCESS",
    trade_state_desc: "支付成功",
    bank_type: "OTHERS",
    attach: "",
    success_time: wechatPayTime(nowMs),
    payer: { openid: payer },
    amount: { total: totalFen, payer_total: totalFen - stock.couponAmountFen, currency: "CNY", payer_currency: "CNY" },
    promotion_detail: [
      {
        coupon_id: coupon.couponId,
        name: stock.stockName,
        scope: "GLOBAL",
        type: "CASH",
        stock_id: stock.stockId,
        amount: stock.couponAmountFen,
        wechatpay_contribute: 0,
        merchant_contribute: stock.couponAmountFen,
        other_contribute: 0,
        currency: "CNY",
        goods_detail: [],
      },
    ],
  };
  return {
    transactionId,
    outTradeNo,
    events: [
      { eventType: "COUPON.USE", summary: "代金券核销通知", originalType: "coupon", resource: favor.present(coupon) },
      { eventType: "TRANSACTION.SUCCESS", summary: "支付成功", originalType: "transaction", resource: transaction },
    ],
  };
}
