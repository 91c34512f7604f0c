import { randomInt } from "node:crypto";
import { wechatPayTime } from "../../pay/wireTime";
import { ActionRefused } from "../actions";
import { randomDigits, refuse } from "./wire";

/** A coupon stock (代金券批次) as the simulator keeps it; amounts in fen. */
export interface Stock {
  stockId: string;
  stockName: string;
  creatorMchid: string;
  maxCoupons: number;
  maxCouponsPerUser: number;
  couponAmountFen: number;
  /** The order total from which the coupon applies (满 X 减 Y: X). */
  transactionMinimumFen: number;
  sent: number;
  availableBeginMs: number;
  availableEndMs: number;
}

export type StockInput = Omit<Stock, "stockId" | "creatorMchid" | "sent" | "availableBeginMs" | "availableEndMs"> & {
  stockId?: string;
  availableDays?: number;
};

export type CouponStatus = "SENDED" | "USED" | "EXPIRED";

export interface Consumption {
  atMs: number;
  mchid: string;
  transactionId: string;
}

export interface Coupon {
  couponId: string;
  stockId: string;
  openid: string;
  appid: string;
  /** The sender's idempotency key. */
  outRequestNo: string;
  createdAtMs: number;
  consumed?: Consumption;
}

/** A coupon as `_inspect/coupons` shows it. */
export type CouponView = Coupon & { status: CouponStatus; couponAmountFen: number; transactionMinimumFen: number };

const DEFAULT_AVAILABLE_DAYS = 90;
const DAY_MS = 86_400_000;

/** The demo stocks every simulator starts with. */
const DEMO_STOCKS: StockInput[] = [
  { stockId: "9865000", stockName: "满100减10代金券", maxCoupons: 1000, maxCouponsPerUser: 1, couponAmountFen: 1000, transactionMinimumFen: 10_000 },
  { stockId: "9865001", stockName: "满50减5代金券", maxCoupons: 200, maxCouponsPerUser: 3, couponAmountFen: 500, transactionMinimumFen: 5000 },
];

/**
 * The merchant's coupon stocks and the coupons sent from them, with the rules WeChat Pay
 * enforces when sending: idempotency by out_request_no, the stock's budget, the per-user limit.
 */
export class FavorStocks {
  private readonly stocks = new Map<string, Stock>();
  private readonly coupons = new Map<string, Coupon>();
  /** out_request_no → coupon_id: the same request number answers the same coupon. */
  private readonly byRequest = new Map<string, string>();
  private readonly abnormalUsers = new Set<string>();

  constructor(
    private readonly mchid: string,
    private readonly now: () => number,
  ) {
    for (const stock of DEMO_STOCKS) this.createStock(stock);
  }

  createStock(input: StockInput): Stock {
    const stockId = input.stockId ?? this.unusedId(8, this.stocks);
    if (this.stocks.has(stockId)) throw new ActionRefused(`stock ${stockId} exists`);
    const begin = this.now();
    const stock: Stock = {
      stockId,
      stockName: input.stockName,
      creatorMchid: this.mchid,
      maxCoupons: input.maxCoupons,
      maxCouponsPerUser: input.maxCouponsPerUser,
      couponAmountFen: input.couponAmountFen,
      transactionMinimumFen: input.transactionMinimumFen,
      sent: 0,
      availableBeginMs: begin,
      availableEndMs: begin + (input.availableDays ?? DEFAULT_AVAILABLE_DAYS) * DAY_MS,
    };
    this.stocks.set(stockId, stock);
    return stock;
  }

  /** WeChat Pay's risk control judges the user abnormal: sends to them answer USER_ACCOUNT_ABNORMAL. */
  markUserAbnormal(openid: string, abnormal: boolean): void {
    if (abnormal) this.abnormalUsers.add(openid);
    else this.abnormalUsers.delete(openid);
  }

  /**
   * 发放代金券. A known out_request_no answers its coupon again without touching the stock, even
   * once the stock is exhausted; reused for another user or stock, it is refused (the live API's
   * answer to that is not documented).
   */
  send(request: { openid: string; stockId: string; outRequestNo: string; appid: string; stockCreatorMchid: string }): string {
    const known = this.byRequest.get(request.outRequestNo);
    if (known !== undefined) {
      const coupon = this.coupons.get(known)!;
      if (coupon.openid !== request.openid || coupon.stockId !== request.stockId) {
        throw refuse("RESOURCE_ALREADY_EXISTS", "商户单据号重复，但本次请求与上次请求信息不一致");
      }
      return known;
    }
    const stock = this.stocks.get(request.stockId);
    if (!stock) throw refuse("RESOURCE_NOT_EXISTS", "批次不存在");
    if (request.stockCreatorMchid !== stock.creatorMchid) throw refuse("REQUEST_BLOCKED", "商户无权发券");
    const now = this.now();
    if (now < stock.availableBeginMs || now > stock.availableEndMs) throw refuse("INVALID_REQUEST", "活动已结束或未激活");
    if (this.abnormalUsers.has(request.openid)) throw refuse("USER_ACCOUNT_ABNORMAL", "用户非法");
    if (stock.sent >= stock.maxCoupons) throw refuse("NOT_ENOUGH", "批次预算不足");
    const held = [...this.coupons.values()].filter((c) => c.stockId === stock.stockId && c.openid === request.openid).length;
    if (held >= stock.maxCouponsPerUser) throw refuse("RULE_LIMIT", "用户已达最大领券次数");
    const coupon: Coupon = {
      couponId: this.unusedId(11, this.coupons),
      stockId: stock.stockId,
      openid: request.openid,
      appid: request.appid,
      outRequestNo: request.outRequestNo,
      createdAtMs: now,
    };
    stock.sent += 1;
    this.coupons.set(coupon.couponId, coupon);
    this.byRequest.set(request.outRequestNo, coupon.couponId);
    return coupon.couponId;
  }

  /** A user's coupon, as the query API finds it (another user's is not found). */
  couponOf(openid: string, couponId: string): Coupon {
    const coupon = this.coupons.get(couponId);
    if (!coupon || coupon.openid !== openid) throw refuse("RESOURCE_NOT_EXISTS", "券不存在");
    return coupon;
  }

  /** Marks a coupon used at checkout; refuses an unknown, used or expired one. */
  consume(couponId: string, consumption: Consumption): Coupon {
    const coupon = this.coupons.get(couponId);
    if (!coupon) throw new ActionRefused(`no coupon ${couponId}`);
    const status = this.statusOf(coupon);
    if (status !== "SENDED") throw new ActionRefused(`coupon ${couponId} is ${status}`);
    coupon.consumed = consumption;
    return coupon;
  }

  statusOf(coupon: Coupon): CouponStatus {
    if (coupon.consumed) return "USED";
    return this.now() > this.stock(coupon.stockId).availableEndMs ? "EXPIRED" : "SENDED";
  }

  stock(stockId: string): Stock {
    return this.stocks.get(stockId)!;
  }

  listStocks(): Stock[] {
    return [...this.stocks.values()];
  }

  listCoupons(): CouponView[] {
    return [...this.coupons.values()].map((c) => {
      const stock = this.stock(c.stockId);
      return { ...c, status: this.statusOf(c), couponAmountFen: stock.couponAmountFen, transactionMinimumFen: stock.transactionMinimumFen };
    });
  }

  /** The coupon as WeChat Pay presents it: the query API's answer and COUPON.USE's resource. */
  present(coupon: Coupon): Record<string, unknown> {
    const stock = this.stock(coupon.stockId);
    return {
      stock_creator_mchid: stock.creatorMchid,
      stock_id: stock.stockId,
      coupon_id: coupon.couponId,
      coupon_name: stock.stockName,
      status: this.statusOf(coupon),
      description: stock.stockName,
      create_time: wechatPayTime(coupon.createdAtMs),
      coupon_type: "NORMAL",
      no_cash: false,
      available_begin_time: wechatPayTime(stock.availableBeginMs),
      available_end_time: wechatPayTime(stock.availableEndMs),
      singleitem: false,
      normal_coupon_information: { coupon_amount: stock.couponAmountFen, transaction_minimum: stock.transactionMinimumFen },
      ...(coupon.consumed
        ? {
            consume_information: {
              consume_time: wechatPayTime(coupon.consumed.atMs),
              consume_mchid: coupon.consumed.mchid,
              transaction_id: coupon.consumed.transactionId,
              goods_detail: [],
            },
          }
        : {}),
    };
  }

  /** Numeric ids as WeChat Pay's look, never starting with 0. */
  private unusedId(length: number, taken: Map<string, unknown>): string {
    for (;;) {
      const id = `${randomInt(1, 10)}${randomDigits(length - 1)}`;
      if (!taken.has(id)) return id;
    }
  }
}
