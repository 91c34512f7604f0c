import type { Config } from "@scrm/config";
import type { Logger } from "../platform/logger";
import { InvalidSceneError, MINIAPP_ERR, MiniappApiError, MiniappTransportError, TOKEN_REFUSED } from "./errors";
import { MiniappHttp } from "./http";
import { sceneProblem } from "./scene";
import { StableTokenCache, type FetchedToken } from "./stableToken";

export interface MiniappClientOptions {
  appId: string;
  secret: string;
  /** `https://api.weixin.qq.com`, or the simulator in sandbox. */
  apiBase: string;
  logger?: Logger;
  /** Per request; default 5 s. */
  timeoutMs?: number;
  /** Refresh the access token this long before it expires; default 5 minutes. */
  refreshMarginMs?: number;
  /** The real clock (token expiry); tests inject one. */
  now?: () => number;
}

/** Who a login code belongs to. `sessionKey` decrypts the user's signed data: it stays on the server and out of logs. */
export interface MiniappSession {
  openid: string;
  sessionKey: string;
  /** Only when the mini-program is bound to an open-platform account. */
  unionid?: string;
}

export interface WxaCodeRequest {
  /** ≤ 32 characters of `0-9a-zA-Z!#$&'()*+,/:;=?@-._~`; the page receives it as `scene`. */
  scene: string;
  /** A page of the released version, without a leading `/` or a query; the main page when absent. */
  page?: string;
  /** Pixels, 280 to 1280; the platform's default is 430. */
  width?: number;
  envVersion?: "release" | "trial" | "develop";
  /** `false` lets the code open a page not released yet. */
  checkPath?: boolean;
}

/** One subscribe message (a service notice) to one user, spending one of their grants of the template. */
export interface SubscribeMessage {
  /** The user's openid in this mini-program. */
  touser: string;
  templateId: string;
  /** The page the notice opens, query included (`pages/coupon/index?id=…`); none opens no page. */
  page?: string;
  /** The template's fields: `{ thing1: { value: "…" }, time2: { value: "…" } }`. */
  data: Record<string, { value: string }>;
  /** Which version the notice opens; the platform's default is `formal`. */
  miniprogramState?: "developer" | "trial" | "formal";
}

/** `refused`: 43101, the user refused the template or has no grant of it left; not worth retrying. */
export type SubscribeSendOutcome = "sent" | "refused";

/** Where subscribe messages go; a timeout there (unlike one fetching the token first) may have sent the message. */
export const SUBSCRIBE_SEND_PATH = "/cgi-bin/message/subscribe/send";

const PATH = {
  code2Session: "/sns/jscode2session",
  stableToken: "/cgi-bin/stable_token",
  wxaCodeUnlimited: "/wxa/getwxacodeunlimit",
  subscribeSend: SUBSCRIBE_SEND_PATH,
} as const;

/** Our side of the mini-program platform's server API: login, the access token, mini-program codes and subscribe messages. */
export class MiniappClient {
  readonly appId: string;
  private readonly secret: string;
  private readonly http: MiniappHttp;
  private readonly tokens: StableTokenCache;
  private readonly logger?: Logger;

  constructor(options: MiniappClientOptions) {
    this.appId = options.appId;
    this.secret = options.secret;
    this.logger = options.logger;
    this.http = new MiniappHttp({ apiBase: options.apiBase, timeoutMs: options.timeoutMs ?? 5000 });
    this.tokens = new StableTokenCache((force) => this.fetchStableToken(force), {
      refreshMarginMs: options.refreshMarginMs ?? 5 * 60_000,
      now: options.now ?? Date.now,
    });
  }

  static fromConfig(config: Config["miniapp"], options: Omit<MiniappClientOptions, "appId" | "secret" | "apiBase"> = {}): MiniappClient {
    return new MiniappClient({ ...options, appId: config.appId, secret: config.secret, apiBase: config.apiBase });
  }

  /**
   * Exchanges a `wx.login` code. Never retried: a code is single-use, so a second try answers
   * 40163 even when the first one timed out after the platform spent it (see `isLoginCodeRefused`).
   */
  async code2Session(code: string): Promise<MiniappSession> {
    const answer = await this.logRefusal(
      this.http.json<{ openid?: unknown; session_key?: unknown; unionid?: unknown }>({
        method: "GET",
        path: PATH.code2Session,
        query: { appid: this.appId, secret: this.secret, js_code: code, grant_type: "authorization_code" },
      }),
    );
    if (typeof answer.openid !== "string" || typeof answer.session_key !== "string") {
      throw new MiniappTransportError(PATH.code2Session, "bad_response");
    }
    const session: MiniappSession = { openid: answer.openid, sessionKey: answer.session_key };
    if (typeof answer.unionid === "string" && answer.unionid !== "") session.unionid = answer.unionid;
    return session;
  }

  /** The access token for the APIs that take one, from memory while it has time left. */
  accessToken(): Promise<string> {
    return this.tokens.get();
  }

  /** A mini-program code (PNG) opening `page` with `scene`; unlimited in number, so one per share is fine. */
  async wxaCodeUnlimited(request: WxaCodeRequest): Promise<Buffer> {
    const problem = sceneProblem(request.scene);
    if (problem) throw new InvalidSceneError(problem);
    const body = {
      scene: request.scene,
      ...(request.page !== undefined ? { page: request.page } : {}),
      ...(request.width !== undefined ? { width: request.width } : {}),
      ...(request.envVersion !== undefined ? { env_version: request.envVersion } : {}),
      ...(request.checkPath !== undefined ? { check_path: request.checkPath } : {}),
    };
    const answer = await this.withToken((access_token) =>
      this.http.call({ method: "POST", path: PATH.wxaCodeUnlimited, query: { access_token }, body }),
    );
    if (answer.kind !== "image") throw new MiniappTransportError(PATH.wxaCodeUnlimited, "bad_response");
    return answer.bytes;
  }

  /**
   * Sends a subscribe message. A refusal (43101) is an answer, not a failure; any other refusal or
   * transport failure throws, and the message was not sent (except after a timeout: then nobody knows).
   */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<SubscribeSendOutcome> {
    const body = {
      touser: message.touser,
      template_id: message.templateId,
      data: message.data,
      ...(message.page !== undefined ? { page: message.page } : {}),
      ...(message.miniprogramState !== undefined ? { miniprogram_state: message.miniprogramState } : {}),
      lang: "zh_CN",
    };
    try {
      await this.withToken((access_token) => this.http.json({ method: "POST", path: PATH.subscribeSend, query: { access_token }, body }));
      return "sent";
    } catch (err) {
      if (err instanceof MiniappApiError && err.errcode === MINIAPP_ERR.SUBSCRIPTION_REFUSED) return "refused";
      throw err;
    }
  }

  /** Calls with the access token; a refused token (revoked or expired early) is replaced and the call made once more. */
  private async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.tokens.get();
    try {
      return await call(token);
    } catch (err) {
      if (!(err instanceof MiniappApiError) || !TOKEN_REFUSED.has(err.errcode)) throw this.noted(err);
      this.logger?.info({ path: err.path, errcode: err.errcode }, "mini-program access token refused: replacing it");
      return this.logRefusal(call(await this.tokens.replace(token)));
    }
  }

  private async fetchStableToken(forceRefresh: boolean): Promise<FetchedToken> {
    const answer = await this.logRefusal(
      this.http.json<{ access_token?: unknown; expires_in?: unknown }>({
        method: "POST",
        path: PATH.stableToken,
        body: { grant_type: "client_credential", appid: this.appId, secret: this.secret, force_refresh: forceRefresh },
      }),
    );
    if (typeof answer.access_token !== "string" || typeof answer.expires_in !== "number") {
      throw new MiniappTransportError(PATH.stableToken, "bad_response");
    }
    if (forceRefresh) this.logger?.warn({ path: PATH.stableToken }, "mini-program access token force-refreshed");
    return { access_token: answer.access_token, expires_in: answer.expires_in };
  }

  /** Logs a platform refusal by path and errcode only (never the query, which holds credentials). */
  private async logRefusal<T>(pending: Promise<T>): Promise<T> {
    try {
      return await pending;
    } catch (err) {
      throw this.noted(err);
    }
  }

  private noted(err: unknown): unknown {
    if (err instanceof MiniappApiError) this.logger?.info({ path: err.path, errcode: err.errcode }, "mini-program platform refused");
    return err;
  }
}
