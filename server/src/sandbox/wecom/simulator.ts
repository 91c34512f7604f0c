import type Router from "@koa/router";
import { CallbackCrypto } from "../../wecom/callbackCrypto";
import type { ApiRoute, SimContext } from "./api/route";
import { confirmGroupSends } from "./api/groupMessagesApi";
import { MEMBER_MESSAGES_PER_MINUTE } from "./api/appMessagesApi";
import { issueCode } from "./api/loginApi";
import { customerAddsStaff, customerDeletesStaff, staffDeletesCustomer, transfersTakeOver, type CustomerAddsStaff, type EventContext, type Relation } from "./actions/customerEvents";
import { staffJoins, staffLeaves, staffUpdated, type StaffJoins, type StaffUpdated } from "./actions/staffEvents";
import { signCallback, type EventFields, type SignOptions, type SignedCallback } from "./callbacks/eventXml";
import { CallbackSender, type CallbackFaults, type CallbackReceipt } from "./callbacks/sender";
import { CallLog } from "../callLog";
import type { CallFilter, RecordedCall } from "./callLog";
import { ApiFaults, ApiQuota, type ApiFault } from "./limits";
import { CorpState, type AppMessageDelivery, type ContactWay, type GroupMessageTask, type GroupSend, type WelcomeRecord } from "./state";
import { TokenIssuer, type SecretKind, type Secrets } from "./tokens";
import type { CustomerTransfer } from "./api/transferApi";
import type { TagGroup } from "./demoCorp";
import { ERR, JsonBody, WecomFault, maskQuery, ok, refusal, type Answer } from "./wire";
import { simulatorRouter } from "./routes";

export interface WecomSimulatorOptions {
  corpId: string;
  agentId: number;
  secrets: Secrets;
  callback: {
    token: string;
    encodingAesKey: string;
    /** Where events are POSTed: our server's `/wecom/callback`. */
    url: string;
    timeoutMs?: number;
    retryDelayMs?: number;
    retries?: number;
  };
  /** Default 7200, as WeCom. */
  tokenLifetimeS?: number;
  /** Per API path per minute; default 10,000, as WeCom. */
  perApiPerMinute?: number;
  /** App messages one member may receive a minute; default 30, as WeCom (load tests raise it). */
  memberMessagesPerMinute?: number;
  /** `gettoken`'s own per-minute budget; default 10,000. */
  gettokenPerMinute?: number;
  /** The real clock (epoch ms); tests inject one to cross token or welcome-code lifetimes. */
  now?: () => number;
  /**
   * Where browsers reach the simulator (with its prefix). When set, contact ways' `qr_code` are
   * images it serves itself, so the sandbox pages show a real QR code instead of a dead link.
   */
  publicUrl?: string;
}

/** One raw API request as the router read it. */
export interface ApiCall {
  method: string;
  query: Record<string, string>;
  body: unknown;
  badJson?: boolean;
  upload?: { contentType: string; data: Buffer };
}

/**
 * A WeCom corp as our server sees it: the server API (real paths, answers, errcodes, tokens and
 * limits) and the callbacks WeCom sends, driven by actions (a customer adds a member…). Its router
 * is mounted at `/sandbox/wecom`; everything it received is kept for inspection.
 */
export class WecomSimulator {
  readonly router: Router;
  readonly state: CorpState;
  readonly corpId: string;
  readonly agentId: number;
  readonly publicUrl: string | undefined;
  private readonly now: () => number;
  private readonly tokens: TokenIssuer;
  private readonly quota: ApiQuota;
  private readonly apiFaults = new ApiFaults();
  private readonly log = new CallLog<RecordedCall>();
  private readonly sender: CallbackSender;
  private readonly crypto: CallbackCrypto;
  private readonly sim: SimContext;
  private readonly events: EventContext;

  constructor(options: WecomSimulatorOptions) {
    this.corpId = options.corpId;
    this.agentId = options.agentId;
    this.now = options.now ?? Date.now;
    this.publicUrl = options.publicUrl;
    this.state = new CorpState(this.now());
    this.tokens = new TokenIssuer(options.corpId, options.secrets, options.tokenLifetimeS ?? 7200, this.now);
    this.quota = new ApiQuota({ perApiPerMinute: options.perApiPerMinute ?? 10_000, gettokenPerMinute: options.gettokenPerMinute ?? 10_000 }, this.now);
    const { token, encodingAesKey, url, timeoutMs = 5000, retryDelayMs = 3000, retries = 3 } = options.callback;
    this.crypto = new CallbackCrypto(token, encodingAesKey, options.corpId);
    this.sender = new CallbackSender({ url, timeoutMs, retryDelayMs, retries }, this.now);
    this.sim = {
      corpId: this.corpId,
      agentId: this.agentId,
      state: this.state,
      tokens: this.tokens,
      now: this.now,
      publicUrl: this.publicUrl,
      memberMessagesPerMinute: options.memberMessagesPerMinute ?? MEMBER_MESSAGES_PER_MINUTE,
    };
    this.events = { sim: this.sim, emit: (fields) => this.emit(fields) };
    this.router = simulatorRouter(this);
  }

  /** Answers one API call as WeCom would, and records it (credentials masked). */
  answer(route: ApiRoute, call: ApiCall): Answer {
    const atMs = this.now();
    let answer: Answer;
    try {
      if (call.badJson) throw new WecomFault(ERR.BAD_JSON, "Warning: wrong json format.");
      if (route.secret) this.tokens.authorize(call.query.access_token, route.secret);
      this.apiFaults.take(route.path);
      this.quota.take(route.path);
      answer = ok(route.handle({ query: call.query, body: new JsonBody(call.body), upload: call.upload }, this.sim));
    } catch (err) {
      if (!(err instanceof WecomFault)) throw err;
      answer = refusal(err.errcode, err.detail, atMs);
    }
    const body = call.upload ? { multipartBytes: call.upload.data.length } : call.body;
    const secretKind = route.secret ? this.tokens.kindOfToken(call.query.access_token) : this.tokens.kindOfSecret(call.query.corpsecret);
    this.log.record({ atMs, method: call.method, path: route.path, query: maskQuery(call.query), body, secretKind, errcode: answer.errcode });
    return answer;
  }

  // What it received and did.
  calls(filter?: CallFilter): RecordedCall[] {
    return this.log.list(filter);
  }
  welcomes(): WelcomeRecord[] {
    return this.state.welcomes;
  }
  /** App messages that reached a member (duplicates and throttled ones never do). */
  messages(): AppMessageDelivery[] {
    return this.state.deliveries;
  }
  contactWays(): ContactWay[] {
    return [...this.state.contactWays.values()];
  }
  tags(): TagGroup[] {
    return this.state.tagGroups;
  }
  transfers(): CustomerTransfer[] {
    return [...this.state.transfers.values()];
  }
  groupMessages(): GroupMessageTask[] {
    return [...this.state.groupTasks.values()];
  }
  callbacks(): CallbackReceipt[] {
    return this.sender.receipts;
  }

  // What happens in the corp: each sends its callback and answers the receipt.
  customerAddsStaff(input: CustomerAddsStaff): Promise<CallbackReceipt> {
    return customerAddsStaff(this.events, input);
  }
  customerDeletesStaff(input: Relation): Promise<CallbackReceipt> {
    return customerDeletesStaff(this.events, input);
  }
  staffDeletesCustomer(input: Relation & { source?: string }): Promise<CallbackReceipt> {
    return staffDeletesCustomer(this.events, input);
  }
  /** The 24 hours of the waiting customer handovers (在职继承) pass. */
  transfersTakeOver(): Promise<CallbackReceipt[]> {
    return transfersTakeOver(this.events);
  }
  staffJoins(input: StaffJoins): Promise<CallbackReceipt> {
    return staffJoins(this.events, input);
  }
  staffLeaves(input: { userId: string }): Promise<CallbackReceipt> {
    return staffLeaves(this.events, input);
  }
  staffUpdated(input: StaffUpdated): Promise<CallbackReceipt> {
    return staffUpdated(this.events, input);
  }
  /** The member confirms a group-send task in WeCom (all members when `userId` is absent). */
  confirmGroupMessage(input: { msgid: string; userId?: string }): GroupSend[] {
    return confirmGroupSends(this.sim, input.msgid, input.userId);
  }
  /** The code `wx.qy.login` gives the member in the mini-program (single use, 5 minutes). */
  issueLoginCode(userId: string): string {
    return issueCode(this.sim, this.state.miniprogramCodes, userId);
  }
  /** The code WeCom's OAuth redirect carries for the member (single use, 5 minutes). */
  issueOAuthCode(userId: string): string {
    return issueCode(this.sim, this.state.oauthCodes, userId);
  }

  // Faults and early invalidation.
  revokeToken(token: string): boolean {
    return this.tokens.revoke(token);
  }
  revokeAllTokens(kind?: SecretKind): number {
    return this.tokens.revokeAll(kind);
  }
  injectApiFault(fault: ApiFault): void {
    this.apiFaults.inject(fault);
  }
  injectCallbackFaults(faults: CallbackFaults): void {
    this.sender.injectFaults(faults);
  }
  /** Ends API and callback faults; events held for reordering are sent now (reversed). */
  async clearFaults(): Promise<void> {
    this.apiFaults.clear();
    await this.sender.clearFaults();
  }

  /** A signed, encrypted callback request for these event fields, without sending it (replay and tamper tests). */
  signedCallback(fields: EventFields, options?: SignOptions): SignedCallback {
    return signCallback(this.crypto, this, this.withEnvelope(fields), this.now(), options);
  }

  setCallbackUrl(url: string): void {
    this.sender.options.url = url;
  }

  private withEnvelope(fields: EventFields): EventFields {
    return { ToUserName: this.corpId, FromUserName: "sys", CreateTime: Math.floor(this.now() / 1000), MsgType: "event", ...fields };
  }

  private emit(fields: EventFields): Promise<CallbackReceipt> {
    const full = this.withEnvelope(fields);
    return this.sender.send(full, signCallback(this.crypto, this, full, this.now()));
  }
}

export function createWecomSimulator(options: WecomSimulatorOptions): WecomSimulator {
  return new WecomSimulator(options);
}
