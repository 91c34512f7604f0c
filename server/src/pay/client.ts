import { readFileSync } from "node:fs";
import WxPay from "wechatpay-node-v3";
import type { WechatPaySettings } from "@scrm/config";
import { randomAlnum } from "./crypto";
import { SignatureVerificationError, WechatPayApiError, WechatPayUnavailable } from "./errors";
import { WechatPayVerifier } from "./verifier";

export interface WechatPayClientOptions {
  mchid: string;
  /** Our merchant API certificate's serial. */
  serialNo: string;
  privateKeyPem: string;
  certPem: string;
  /** `https://api.mch.weixin.qq.com`, or the simulator in sandbox. */
  apiBase: string;
  verifier: WechatPayVerifier;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  /** The app (our mini-program) whose openids we send coupons to. */
  appId: string;
}

export interface CouponDetail {
  couponId: string;
  stockId: string;
  /** `SENDED`, `USED` or `EXPIRED`. */
  status: string;
  raw: unknown;
}

/** Paths as they appear in errors: templates, so an openid never lands in a log line. */
const PATH = {
  sendCoupon: "/v3/marketing/favor/users/{openid}/coupons",
  queryCoupon: "/v3/marketing/favor/users/{openid}/coupons/{coupon_id}",
  callbacks: "/v3/marketing/favor/callbacks",
} as const;

const USER_AGENT = "scrm-server (wechatpay-api-v3)";

interface ApiRequest {
  method: "GET" | "POST";
  /** The path with its query, exactly as signed and sent. */
  url: string;
  template: string;
  body?: object;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Our side of WeChat Pay API v3 for marketing coupons. Requests are signed by wechatpay-node-v3
 * (over the path, not the URL) but sent here, to the configured base; every success answer is
 * verified against the configured platform key before it is believed. Nothing is retried here:
 * the caller retries a WechatPayUnavailable or a non-definitive WechatPayApiError with the same
 * idempotency key.
 */
export class WechatPayClient {
  readonly mchid: string;
  private readonly appId: string;
  private readonly apiBase: string;
  private readonly timeoutMs: number;
  private readonly verifier: WechatPayVerifier;
  private readonly signer: WxPay;

  constructor(options: WechatPayClientOptions) {
    this.mchid = options.mchid;
    this.appId = options.appId;
    this.apiBase = options.apiBase.replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.verifier = options.verifier;
    this.signer = new WxPay({
      appid: options.appId,
      mchid: options.mchid,
      publicKey: Buffer.from(options.certPem),
      privateKey: Buffer.from(options.privateKeyPem),
      serial_no: options.serialNo,
    });
  }

  /** Reads the merchant key and certificate and the platform key named in the settings. */
  static fromConfig(settings: WechatPaySettings, appId: string): WechatPayClient {
    return new WechatPayClient({
      mchid: settings.mchid,
      serialNo: settings.serialNo,
      privateKeyPem: readFileSync(settings.privateKeyPath, "utf8"),
      certPem: readFileSync(settings.certPath, "utf8"),
      apiBase: settings.apiBase,
      timeoutMs: settings.timeoutMs,
      verifier: WechatPayVerifier.fromSettings(settings),
      appId,
    });
  }

  /**
   * Sends one coupon of a stock to a user. `outRequestNo` is the idempotency key: the same one
   * answers the same coupon, so a retry after a timeout never sends a second coupon.
   */
  async sendCoupon(input: { openid: string; stockId: string; outRequestNo: string; stockCreatorMchid?: string }): Promise<{ couponId: string }> {
    const answer = await this.call({
      method: "POST",
      url: `/v3/marketing/favor/users/${encodeURIComponent(input.openid)}/coupons`,
      template: PATH.sendCoupon,
      body: { stock_id: input.stockId, out_request_no: input.outRequestNo, appid: this.appId, stock_creator_mchid: input.stockCreatorMchid ?? this.mchid },
    });
    if (typeof answer.coupon_id !== "string" || answer.coupon_id === "") throw new WechatPayUnavailable(PATH.sendCoupon, "bad_answer", "no coupon_id");
    return { couponId: answer.coupon_id };
  }

  async queryCoupon(openid: string, couponId: string): Promise<CouponDetail> {
    const answer = await this.call({
      method: "GET",
      url: `/v3/marketing/favor/users/${encodeURIComponent(openid)}/coupons/${encodeURIComponent(couponId)}?appid=${encodeURIComponent(this.appId)}`,
      template: PATH.queryCoupon,
    });
    const { coupon_id, stock_id, status } = answer;
    if (typeof coupon_id !== "string" || typeof stock_id !== "string" || typeof status !== "string") {
      throw new WechatPayUnavailable(PATH.queryCoupon, "bad_answer", "incomplete coupon");
    }
    return { couponId: coupon_id, stockId: stock_id, status, raw: answer };
  }

  /** Registers where WeChat Pay sends coupon notifications (COUPON.USE) for our merchant. */
  async setCouponCallbacks(notifyUrl: string): Promise<void> {
    await this.call({ method: "POST", url: PATH.callbacks, template: PATH.callbacks, body: { mchid: this.mchid, notify_url: notifyUrl, switch: true } });
  }

  private async call(req: ApiRequest): Promise<Record<string, unknown>> {
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const nonce = randomAlnum(32);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = this.signer.getSignature(req.method, nonce, timestamp, req.url, body);
    let res: Response;
    let bytes: Buffer;
    try {
      res = await fetch(this.apiBase + req.url, {
        method: req.method,
        body,
        headers: {
          Accept: "application/json",
          "Content-Type": "application/json",
          "User-Agent": USER_AGENT,
          "Wechatpay-Serial": this.verifier.serial,
          Authorization: this.signer.getAuthorization(nonce, timestamp, signature),
        },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      bytes = Buffer.from(await res.arrayBuffer());
    } catch (err) {
      const name = (err as Error).name;
      throw new WechatPayUnavailable(req.template, name === "TimeoutError" || name === "AbortError" ? "timeout" : "network");
    }
    if (res.status >= 200 && res.status < 300) return this.verified(req.template, res, bytes);
    // A refusal fails a claim for good, so only WeChat Pay's own (signed) word counts as one; a
    // 401 comes before WeChat Pay trusts us enough to sign, and is retried anyway.
    if (res.status !== 401) this.verifiedOrUnavailable(req.template, res, bytes);
    throw this.refusal(req.template, res.status, bytes);
  }

  private verifiedOrUnavailable(template: string, res: Response, bytes: Buffer): void {
    try {
      this.verifier.verify(Object.fromEntries(res.headers), bytes);
    } catch (err) {
      if (err instanceof SignatureVerificationError) throw new WechatPayUnavailable(template, "unverified_answer", err.reason);
      throw err;
    }
  }

  /** A success is believed only once its signature holds; an empty one (204) is an empty object. */
  private verified(template: string, res: Response, bytes: Buffer): Record<string, unknown> {
    this.verifiedOrUnavailable(template, res, bytes);
    if (bytes.length === 0) return {};
    try {
      const parsed: unknown = JSON.parse(bytes.toString("utf8"));
      if (isObject(parsed)) return parsed;
    } catch {
      // falls through to the bad answer below
    }
    throw new WechatPayUnavailable(template, "bad_answer", "not a JSON object");
  }

  /** WeChat Pay's `{code, message}`; anything else (a proxy's HTML page) is no answer at all. */
  private refusal(template: string, status: number, bytes: Buffer): Error {
    try {
      const parsed: unknown = JSON.parse(bytes.toString("utf8"));
      if (isObject(parsed) && typeof parsed.code === "string") {
        return new WechatPayApiError(status, parsed.code, typeof parsed.message === "string" ? parsed.message : "", template);
      }
    } catch {
      // falls through
    }
    return new WechatPayUnavailable(template, "bad_answer", `HTTP ${status} without an error code`);
  }
}
