import type Router from "@koa/router";
import type { KeyObject } from "node:crypto";
import { JsonBody } from "../miniapp/wire";
import type { PayApiContext, PayApiRoute } from "./api";
import { CallLog } from "../callLog";
import type { PayCallFilter, RecordedPayCall } from "./callLog";
import { checkoutWithCoupon, type CheckoutInput } from "./checkout";
import { Faults, type ApiFaultKind, type FaultSetting } from "./faults";
import { FavorStocks, type CouponView, type Stock, type StockInput } from "./favor";
import { authenticate, merchantFromCertificate, type Merchant } from "./merchantAuth";
import { Notifier, type SentNotification } from "./notifications";
import { PlatformIdentity, type PlatformCertificate } from "./platform";
import { simulatorRouter } from "./routes";
import { Waits } from "./waits";
import { PayFault, faultReply, newRequestId, refuse, type Reply } from "./wire";

export interface WechatPaySimulatorOptions {
  mchid: string;
  /** Our merchant API certificate: the simulator verifies our requests with its key and serial. */
  merchantCertPem: string;
  apiV3Key: string;
  /** The app whose openids receive coupons (our mini-program). */
  appId: string;
  /** The key WeChat Pay signs with; generated when absent. */
  platformPrivateKeyPem?: string;
  /** The id merchants know that key by (`PUB_KEY_ID_…`); generated when absent. */
  platformSerial?: string;
  /** Where notifications go until the callbacks API sets a URL. */
  notifyUrl?: string;
  /** Waits before each notification retry; default [200, 1000, 3000, 10000] (WeChat Pay's own are minutes to hours). */
  notifyRetryDelaysMs?: number[];
  /** How long a `timeout` fault holds its answer: longer than the client waits. Default 15 s. */
  faultTimeoutMs?: number;
  /** The platform's clock (epoch ms): signs answers, checks ours, dates coupons. Real time unless a test injects one. */
  now?: () => number;
}

/** One API request as the router read it. */
export interface PayApiCall {
  method: string;
  /** Without the simulator's prefix: what the merchant signed. */
  pathWithQuery: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  authorization: string | undefined;
  /** The request's `Wechatpay-Serial`: the platform key the merchant expects answers signed with. */
  wechatpaySerial: string | undefined;
  rawBody: Buffer;
}

/** An answer ready for the wire: the body is exactly the bytes that were signed. */
export interface SignedReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A recorded body: JSON when it parses, else the text (a JSON refusal's cause), none when empty. */
function bodyForLog(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * WeChat Pay API v3 as our server sees it, for marketing coupons: it checks our request
 * signatures, signs its answers, keeps stocks and coupons, and notifies coupon use and payments,
 * signed and encrypted, with retries. A user paying with a coupon is played by an action. Its
 * router is mounted at `/sandbox/wechatpay`; everything it received and sent is kept for inspection.
 */
export class WechatPaySimulator {
  readonly router: Router;
  readonly mchid: string;
  readonly appId: string;
  private readonly now: () => number;
  private readonly merchant: Merchant;
  private readonly identity: PlatformIdentity;
  private readonly favor: FavorStocks;
  private readonly faultPlan = new Faults();
  private readonly waits = new Waits();
  private readonly notifier: Notifier;
  private readonly log = new CallLog<RecordedPayCall>("prefix");
  private readonly context: PayApiContext;
  private readonly faultTimeoutMs: number;
  private readonly defaultNotifyUrl?: string;
  private couponCallback?: { url: string; enabled: boolean };

  constructor(options: WechatPaySimulatorOptions) {
    this.mchid = options.mchid;
    this.appId = options.appId;
    this.now = options.now ?? Date.now;
    this.merchant = merchantFromCertificate(options.mchid, options.merchantCertPem);
    this.identity = new PlatformIdentity({ privateKeyPem: options.platformPrivateKeyPem, serial: options.platformSerial });
    this.favor = new FavorStocks(options.mchid, this.now);
    this.faultTimeoutMs = options.faultTimeoutMs ?? 15_000;
    this.defaultNotifyUrl = options.notifyUrl;
    this.notifier = new Notifier({
      apiV3Key: options.apiV3Key,
      identity: this.identity,
      retryDelaysMs: options.notifyRetryDelaysMs ?? [200, 1000, 3000, 10_000],
      now: this.now,
      waits: this.waits,
    });
    this.context = {
      mchid: options.mchid,
      appId: options.appId,
      apiV3Key: options.apiV3Key,
      favor: this.favor,
      identity: this.identity,
      now: this.now,
      setCouponCallback: (url, enabled) => {
        this.couponCallback = { url, enabled };
      },
    };
    this.router = simulatorRouter(this);
  }

  /** The key a WechatPayVerifier needs to trust the simulator, and the serial it signs under. */
  get platformPublicKey(): KeyObject {
    return this.identity.publicKey;
  }
  get platformSerial(): string {
    return this.identity.serial;
  }
  /** The platform certificate `/v3/certificates` serves (issued on first use). */
  platformCertificate(): Promise<PlatformCertificate> {
    return this.identity.platformCertificate(this.now());
  }
  /** Where coupon and payment notifications go now: the callbacks API's URL, else the configured one. */
  get notifyUrl(): string | undefined {
    if (this.couponCallback) return this.couponCallback.enabled ? this.couponCallback.url : undefined;
    return this.defaultNotifyUrl;
  }

  /**
   * Answers one API call as WeChat Pay would: authenticate, apply an armed fault, handle, sign,
   * record. A `timeout` fault lets the call take effect, then holds the answer until the client
   * has given up.
   */
  async answer(route: PayApiRoute, call: PayApiCall): Promise<SignedReply> {
    const atMs = this.now();
    let fault: ApiFaultKind | undefined;
    let reply: Reply;
    try {
      authenticate(this.merchant, { method: call.method, pathWithQuery: call.pathWithQuery, body: call.rawBody, authorization: call.authorization }, atMs);
      if (call.wechatpaySerial && !this.identity.knows(call.wechatpaySerial)) throw refuse("PARAM_ERROR", "Wechatpay-Serial 对应的平台证书或公钥不存在");
      fault = this.faultPlan.takeForCall(call.path);
      if (fault === "error500") throw refuse("SYSTEM_ERROR", "系统错误");
      if (fault === "frequencyLimited") throw refuse("FREQUENCY_LIMITED", "频率超限");
      reply = await route.handle({ params: call.params, query: call.query, body: new JsonBody(this.jsonBody(route, call.rawBody)) }, this.context);
    } catch (err) {
      if (!(err instanceof PayFault)) throw err;
      reply = faultReply(err);
    }
    const requestId = newRequestId();
    const body = JSON.stringify(reply.body);
    const serial = call.wechatpaySerial && this.identity.knows(call.wechatpaySerial) ? call.wechatpaySerial : this.identity.serial;
    const headers = { ...this.identity.signedHeaders(body, atMs, serial), "Request-ID": requestId };
    const code = reply.status >= 400 && typeof reply.body.code === "string" ? reply.body.code : undefined;
    this.log.record({ atMs, method: call.method, path: call.path, query: call.query, body: bodyForLog(call.rawBody), status: reply.status, ...(code ? { code } : {}), requestId });
    if (fault === "timeout") await this.waits.wait(this.faultTimeoutMs);
    return { status: reply.status, headers, body };
  }

  private jsonBody(route: PayApiRoute, raw: Buffer): unknown {
    if (route.body !== "json") return undefined;
    try {
      return JSON.parse(raw.toString("utf8"));
    } catch {
      throw refuse("PARAM_ERROR", "请求体不是合法的JSON");
    }
  }

  // What merchants and users do.
  createStock(input: StockInput): Stock {
    return this.favor.createStock(input);
  }
  /** A user pays with a coupon: it is used, and COUPON.USE and TRANSACTION.SUCCESS are sent (not awaited). */
  payWithCoupon(input: CheckoutInput): { transactionId: string; outTradeNo: string; notificationIds: string[] } {
    const checkout = checkoutWithCoupon(this.favor, { mchid: this.mchid, appId: this.appId }, input, this.now());
    const url = this.notifyUrl;
    const notificationIds = checkout.events.map((event) => this.notifier.send(url, event, this.faultPlan.takeDuplicate() ? 2 : 1).id);
    return { transactionId: checkout.transactionId, outTradeNo: checkout.outTradeNo, notificationIds };
  }
  setFault(setting: FaultSetting): void {
    this.faultPlan.set(setting);
  }
  /** WeChat Pay's risk control refuses coupons to this user (USER_ACCOUNT_ABNORMAL), or no longer. */
  markUserAbnormal(openid: string, abnormal = true): void {
    this.favor.markUserAbnormal(openid, abnormal);
  }

  // What it received and did.
  calls(filter?: PayCallFilter): RecordedPayCall[] {
    return this.log.list(filter);
  }
  coupons(): CouponView[] {
    return this.favor.listCoupons();
  }
  stocks(): Stock[] {
    return this.favor.listStocks();
  }
  notifications(): SentNotification[] {
    return this.notifier.sent;
  }
  faults(): FaultSetting[] {
    return this.faultPlan.list();
  }

  /** Cancels notification retries and held answers, so nothing outlives the simulator. */
  close(): void {
    this.waits.close();
    this.notifier.close();
  }
}

export function createWechatPaySimulator(options: WechatPaySimulatorOptions): WechatPaySimulator {
  return new WechatPaySimulator(options);
}
