import { randomBytes } from "node:crypto";
import { ERR, fault } from "./wire";

interface IssuedToken {
  token: string;
  expiresAtMs: number;
  revoked: boolean;
}

export interface StableTokenRequest {
  grant_type?: string;
  appid?: string;
  secret?: string;
  force_refresh: boolean;
}

/** The platform's day, for the daily quota of forced refreshes (China Standard Time, no DST). */
const dayOf = (ms: number) => Math.floor((ms + 8 * 3_600_000) / 86_400_000);

/**
 * `stable_token` and the access-token check of every API. In normal mode the same token is answered
 * while it is valid; a forced refresh replaces it (the old one stops working at once) and is
 * limited per day (20 on the platform).
 */
export class StableTokenIssuer {
  private readonly tokens = new Map<string, IssuedToken>();
  private current: IssuedToken | undefined;
  /** Revoked, yet still answered in normal mode: only a forced refresh replaces it. */
  private stale: IssuedToken | undefined;
  private forced = { day: -1, count: 0 };

  constructor(
    private readonly app: { appId: string; secret: string },
    private readonly options: { lifetimeS: number; forcedRefreshesPerDay: number },
    private readonly now: () => number,
  ) {}

  issue(req: StableTokenRequest): { access_token: string; expires_in: number } {
    if (req.grant_type !== "client_credential") throw fault(ERR.INVALID_GRANT_TYPE, "invalid grant_type");
    if (!req.appid) throw fault(ERR.MISSING_APPID, "appid missing");
    if (!req.secret) throw fault(ERR.MISSING_APPSECRET, "appsecret missing");
    if (req.appid !== this.app.appId) throw fault(ERR.INVALID_APPID, "invalid appid");
    if (req.secret !== this.app.secret) throw fault(ERR.INVALID_APPSECRET, "invalid appsecret");
    const now = this.now();
    if (req.force_refresh) {
      const day = dayOf(now);
      if (this.forced.day !== day) this.forced = { day, count: 0 };
      if (this.forced.count >= this.options.forcedRefreshesPerDay) throw fault(ERR.DAILY_QUOTA, "reach max api daily quota limit");
      this.forced.count += 1;
      if (this.current) this.current.revoked = true;
      this.current = this.fresh(now);
    } else if (this.stale && this.stale === this.current) {
      return { access_token: this.stale.token, expires_in: Math.max(1, Math.ceil((this.stale.expiresAtMs - now) / 1000)) };
    } else if (!this.current || this.current.revoked || this.current.expiresAtMs <= now) {
      this.current = this.fresh(now);
    }
    this.stale = undefined;
    return { access_token: this.current.token, expires_in: Math.ceil((this.current.expiresAtMs - now) / 1000) };
  }

  /** Lets a call through only with a live token: 41001 missing, 40001 unknown or replaced, 42001 expired. */
  authorize(token: string | undefined): void {
    if (!token) throw fault(ERR.MISSING_ACCESS_TOKEN, "access_token missing");
    const issued = this.tokens.get(token);
    if (!issued || issued.revoked) throw fault(ERR.INVALID_CREDENTIAL, "invalid credential, access_token is invalid or not latest");
    if (issued.expiresAtMs <= this.now()) throw fault(ERR.ACCESS_TOKEN_EXPIRED, "access_token expired");
  }

  /**
   * The platform invalidating tokens early (all live ones when `token` is absent); answers how many
   * were live. With `stillServed`, normal-mode `stable_token` keeps answering the revoked current
   * token, so only a forced refresh gets a working one.
   */
  revoke(token?: string, options: { stillServed?: boolean } = {}): number {
    const live = this.live(token);
    for (const issued of live) issued.revoked = true;
    if (options.stillServed && this.current && live.includes(this.current)) this.stale = this.current;
    return live.length;
  }

  /** Ends tokens now (all live ones when `token` is absent), so they answer 42001; answers how many. */
  expire(token?: string): number {
    const live = this.live(token);
    for (const issued of live) issued.expiresAtMs = this.now();
    return live.length;
  }

  private live(token: string | undefined): IssuedToken[] {
    const now = this.now();
    return [...this.tokens.values()].filter((t) => (token === undefined || t.token === token) && !t.revoked && t.expiresAtMs > now);
  }

  private fresh(now: number): IssuedToken {
    const issued = { token: randomBytes(48).toString("base64url"), expiresAtMs: now + this.options.lifetimeS * 1000, revoked: false };
    this.tokens.set(issued.token, issued);
    return issued;
  }
}
