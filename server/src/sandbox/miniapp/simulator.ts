import type Router from "@koa/router";
import { CallLog } from "../callLog";
import type { CallFilter, RecordedCall } from "../wecom/callLog";
import type { ApiRoute, SimContext } from "./api";
import { StableTokenIssuer } from "./tokens";
import { SubscribeMessages, type DeliveredSubscribeMessage, type SubscriptionGrants } from "./subscriptions";
import { MiniappUsers, type IssuedLoginCode, type MiniappUser } from "./users";
import type { DrawnWxaCode } from "./wxaCode";
import { JsonBody, MiniappFault, maskBody, maskQuery, refusal, type Reply } from "./wire";
import { simulatorRouter } from "./routes";

export interface MiniappSimulatorOptions {
  appId: string;
  secret: string;
  /** The real clock (epoch ms); tests inject one to cross code or token lifetimes. */
  now?: () => number;
  /** Where the H5 build is served: what the QR of a mini-program code opens. Default `http://127.0.0.1:3000`. */
  h5BaseUrl?: string;
  /** Released pages; when set, codes for other pages are refused (41030) unless `check_path` is false. */
  pages?: readonly string[];
  /** The subscribe message templates the mini-program added; when set, others are refused (40037). */
  subscribeTemplates?: readonly string[];
  /** Whether the mini-program is bound to an open-platform account, so logins answer a unionid. Default true. */
  openPlatformBound?: boolean;
  /** Logins one user may make in a minute before 45011; default 100, as the platform. */
  loginsPerMinute?: number;
  /** Default 7200, as the platform. */
  tokenLifetimeS?: number;
  /** `stable_token` forced refreshes a day before 45009; default 20, as the platform. */
  forcedRefreshesPerDay?: number;
}

/** One raw API request as the router read it. */
export interface ApiCall {
  method: string;
  query: Record<string, string>;
  body: unknown;
  badJson?: boolean;
}

/** A user as `_inspect/users` shows it: no session key. */
export type MiniappUserView = Pick<MiniappUser, "openid" | "unionid" | "risky">;

/**
 * The WeChat mini-program platform as our server sees it: login-code exchange, stable access
 * tokens, unlimited mini-program codes and one-time subscribe messages, with the platform's paths,
 * answers, errcodes and limits. The user's device is played by actions (`issueLoginCode` stands in
 * for `wx.login`, `requestSubscribeMessage` for the subscription dialog). Its router is mounted at
 * `/sandbox/miniapp`; everything it received is kept for inspection.
 */
export class MiniappSimulator {
  readonly router: Router;
  readonly appId: string;
  private readonly now: () => number;
  private readonly userStore: MiniappUsers;
  private readonly tokens: StableTokenIssuer;
  private readonly log = new CallLog<RecordedCall>();
  private readonly sim: SimContext;

  constructor(options: MiniappSimulatorOptions) {
    this.appId = options.appId;
    this.now = options.now ?? Date.now;
    this.userStore = new MiniappUsers({ openPlatformBound: options.openPlatformBound ?? true, loginsPerMinute: options.loginsPerMinute ?? 100 }, this.now);
    this.tokens = new StableTokenIssuer(
      { appId: options.appId, secret: options.secret },
      { lifetimeS: options.tokenLifetimeS ?? 7200, forcedRefreshesPerDay: options.forcedRefreshesPerDay ?? 20 },
      this.now,
    );
    this.sim = {
      appId: options.appId,
      secret: options.secret,
      users: this.userStore,
      tokens: this.tokens,
      wxaCode: { h5BaseUrl: options.h5BaseUrl ?? "http://127.0.0.1:3000", pages: options.pages },
      drawn: [],
      subscriptions: new SubscribeMessages(options.subscribeTemplates),
      now: this.now,
    };
    this.router = simulatorRouter(this);
  }

  /** Answers one API call as the platform would, and records it (credentials masked). */
  async answer(route: ApiRoute, call: ApiCall): Promise<Reply> {
    const atMs = this.now();
    let reply: Reply;
    try {
      if (call.badJson) throw new MiniappFault(route.badJson!.errcode, route.badJson!.detail);
      if (route.needsToken) this.tokens.authorize(call.query.access_token);
      reply = await route.handle({ query: call.query, body: new JsonBody(call.body) }, this.sim);
    } catch (err) {
      if (!(err instanceof MiniappFault)) throw err;
      reply = { kind: "json", body: refusal(err.errcode, err.detail, atMs) };
    }
    const errcode = reply.kind === "json" && typeof reply.body.errcode === "number" ? reply.body.errcode : 0;
    this.log.record({ atMs, method: call.method, path: route.path, query: maskQuery(call.query), body: maskBody(call.body), errcode });
    return reply;
  }

  // What it received and did.
  calls(filter?: CallFilter): RecordedCall[] {
    return this.log.list(filter);
  }
  users(): MiniappUserView[] {
    return this.userStore.list().map(({ openid, unionid, risky }) => ({ openid, unionid, risky }));
  }
  /** Mini-program codes drawn, oldest first. */
  wxaCodes(): DrawnWxaCode[] {
    return this.sim.drawn;
  }
  /** Subscribe messages that reached a user, oldest first. */
  subscribeMessages(): DeliveredSubscribeMessage[] {
    return this.sim.subscriptions.delivered;
  }
  /** Unspent one-time grants, by user and template. */
  subscriptions(): SubscriptionGrants[] {
    return this.sim.subscriptions.list();
  }
  /** The session key of a user's latest login, as the device would know it (to sign or encrypt data). */
  sessionKeyOf(openid: string): string | undefined {
    return this.userStore.get(openid)?.sessionKey;
  }
  get openPlatformBound(): boolean {
    return this.userStore.openPlatformBound;
  }

  // What users and the platform do.
  /** The code `wx.login` gives a user (single use, 5 minutes); a new user without openid or unionid. */
  issueLoginCode(input: { openid?: string; unionid?: string } = {}): IssuedLoginCode {
    return this.userStore.issueLoginCode(input);
  }
  /**
   * What `wx.requestSubscribeMessage` does on the user's phone: each template accepted (all but
   * `reject`) is worth one subscribe message. Answers as the phone does: `{ errMsg, [tmplId]: "accept" | "reject" }`.
   */
  requestSubscribeMessage(input: { openid: string; tmplIds: string[]; reject?: string[] }): Record<string, string> {
    return this.sim.subscriptions.request(this.userStore, input);
  }
  /** Binds the mini-program to an open-platform account (logins answer unionid) or unbinds it. */
  setOpenPlatformBound(bound: boolean): void {
    this.userStore.openPlatformBound = bound;
  }
  /** The platform judges a user risky (logins answer 40226), or no longer; answers whether the user exists. */
  markRisky(openid: string, risky = true): boolean {
    return this.userStore.markRisky(openid, risky);
  }

  // Early invalidation.
  /** Revokes a token, or all live ones (40001 from then on); see StableTokenIssuer.revoke for `stillServed`. */
  revokeToken(token?: string, options?: { stillServed?: boolean }): number {
    return this.tokens.revoke(token, options);
  }
  /** Ends a token, or all live ones, now (42001 from then on). */
  expireToken(token?: string): number {
    return this.tokens.expire(token);
  }
}

export function createMiniappSimulator(options: MiniappSimulatorOptions): MiniappSimulator {
  return new MiniappSimulator(options);
}
