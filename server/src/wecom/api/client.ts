import { createHash } from "node:crypto";
import type { Config } from "@scrm/config";
import type { Database } from "../../db/database";
import type { Logger } from "../../platform/logger";
import type { WecomCaller, WecomSecretKind } from "./caller";
import { TOKEN_REFUSED, WecomApiError } from "./errors";
import { WecomHttp, type BackoffOptions, type WecomRequest } from "./http";
import { PathLimiter } from "./limiter";
import { TokenStore, type FetchedToken } from "./tokenStore";
import { CustomersApi } from "./customers";
import { ContactWaysApi } from "./contactWays";
import { TagsApi } from "./tags";
import { GroupMessagesApi } from "./groupMessages";
import { AppMessagesApi } from "./appMessages";
import { MediaApi } from "./media";
import { DirectoryApi } from "./directory";
import { LoginApi } from "./login";

export interface WecomClientOptions {
  db: Database;
  corpId: string;
  agentId: number;
  secrets: Record<WecomSecretKind, string>;
  /** `https://qyapi.weixin.qq.com`, or the simulator in sandbox. */
  apiBase: string;
  logger?: Logger;
  /** This instance, for the token-refresh lease. */
  owner?: string;
  /** Per request; default 5 s. */
  timeoutMs?: number;
  /** Refresh a token this long before it expires; default 5 minutes. */
  refreshMarginMs?: number;
  /** Calls per API path per minute from this process; default 9,000 (WeCom allows 10,000 per corp). */
  perApiPerMinute?: number;
  backoff?: Partial<BackoffOptions>;
  tokenLease?: { leaseMs?: number; pollMs?: number };
  /** The real clock (token expiry, leases); tests inject one. */
  now?: () => number;
}

const GETTOKEN = "/cgi-bin/gettoken";

/**
 * Our side of WeCom's server API. Each API group is a property (`contactWays.add(…)`); all share
 * the token store, the limiter and the retry rules.
 */
export class WecomClient implements WecomCaller {
  readonly customers: CustomersApi;
  readonly contactWays: ContactWaysApi;
  readonly tags: TagsApi;
  readonly groupMessages: GroupMessagesApi;
  readonly appMessages: AppMessagesApi;
  readonly media: MediaApi;
  readonly directory: DirectoryApi;
  readonly login: LoginApi;
  private readonly http: WecomHttp;
  private readonly tokens: TokenStore;
  private readonly logger?: Logger;

  constructor(options: WecomClientOptions) {
    this.logger = options.logger;
    const perMinute = options.perApiPerMinute ?? 9000;
    this.http = new WecomHttp({
      apiBase: options.apiBase,
      timeoutMs: options.timeoutMs ?? 5000,
      backoff: { baseMs: 200, maxMs: 5000, attempts: 4, ...options.backoff },
      limiter: new PathLimiter({ perMinute, burst: Math.max(1, Math.floor(perMinute / 10)) }),
      logger: options.logger,
    });
    const fingerprint = (secret: string) => createHash("sha256").update(`${options.corpId}\u0000${secret}`).digest("hex");
    const { contact, directory, app } = options.secrets;
    this.tokens = new TokenStore(
      options.db,
      { contact: fingerprint(contact), directory: fingerprint(directory), app: fingerprint(app) },
      (kind) => this.http.request<FetchedToken>({ method: "GET", path: GETTOKEN, query: { corpid: options.corpId, corpsecret: options.secrets[kind] } }),
      {
        refreshMarginMs: options.refreshMarginMs ?? 5 * 60_000,
        leaseMs: options.tokenLease?.leaseMs ?? 10_000,
        pollMs: options.tokenLease?.pollMs ?? 100,
        owner: options.owner ?? `pid-${process.pid}`,
        now: options.now ?? Date.now,
      },
    );
    this.customers = new CustomersApi(this);
    this.contactWays = new ContactWaysApi(this);
    this.tags = new TagsApi(this);
    this.groupMessages = new GroupMessagesApi(this);
    this.appMessages = new AppMessagesApi(this, options.agentId);
    this.media = new MediaApi(this);
    this.directory = new DirectoryApi(this);
    this.login = new LoginApi(this);
  }

  get<T>(kind: WecomSecretKind, path: string, query: Record<string, string> = {}): Promise<T> {
    return this.withToken(kind, (access_token) => ({ method: "GET", path, query: { access_token, ...query } }));
  }

  post<T>(kind: WecomSecretKind, path: string, body: object, query: Record<string, string> = {}): Promise<T> {
    return this.withToken(kind, (access_token) => ({ method: "POST", path, query: { access_token, ...query }, body }));
  }

  upload<T>(kind: WecomSecretKind, path: string, query: Record<string, string>, form: FormData): Promise<T> {
    return this.withToken(kind, (access_token) => ({ method: "POST", path, query: { access_token, ...query }, body: form }));
  }

  /** Calls with the kind's token; a refused token (WeCom may revoke one early) is replaced and the call made once more. */
  private async withToken<T>(kind: WecomSecretKind, build: (token: string) => WecomRequest): Promise<T> {
    const token = await this.tokens.get(kind);
    try {
      return await this.http.request<T>(build(token));
    } catch (err) {
      if (!(err instanceof WecomApiError) || !TOKEN_REFUSED.has(err.errcode)) throw err;
      this.logger?.info({ path: err.path, errcode: err.errcode, kind }, "wecom token refused: refreshing");
      await this.tokens.invalidate(kind, token);
      return this.http.request<T>(build(await this.tokens.get(kind)));
    }
  }
}

/** The client as the server builds it from its configuration. */
export function wecomClientFromConfig(config: Config, db: Database, logger: Logger, owner: string): WecomClient {
  const { wecom } = config;
  return new WecomClient({
    db,
    logger,
    owner,
    corpId: wecom.corpId,
    agentId: wecom.agentId,
    secrets: { contact: wecom.contactSecret, directory: wecom.directorySecret, app: wecom.appSecret },
    apiBase: wecom.apiBase,
    perApiPerMinute: wecom.apiPerMinute,
  });
}
