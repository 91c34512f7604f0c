import { randomBytes } from "node:crypto";
import { ActionRefused } from "../actions";
import { ERR, fault } from "./wire";

/** A `wx.login` code works once, for five minutes. */
export const LOGIN_CODE_TTL_MS = 5 * 60_000;
const MINUTE_MS = 60_000;

export interface MiniappUser {
  openid: string;
  /** Always known to the simulator; answered only while the mini-program is bound to an open platform. */
  unionid: string;
  /** The platform refuses this user's logins (40226). */
  risky: boolean;
  /** Times of this user's logins in the last minute (epoch ms). */
  recentLogins: number[];
  /** The session key of the latest login, for decrypting what the user's device signs. */
  sessionKey?: string;
}

interface LoginCode {
  openid: string;
  issuedAtMs: number;
  used: boolean;
}

export interface IssuedLoginCode {
  code: string;
  openid: string;
  unionid?: string;
}

/** Real openids and unionids are 28 characters starting with `o`. */
const platformId = () => `o${randomBytes(20).toString("base64url")}`;

/**
 * The mini-program's users and the login codes their devices get from `wx.login` (played by
 * `issueLoginCode`), exchanged by `jscode2session`.
 */
export class MiniappUsers {
  private readonly byOpenid = new Map<string, MiniappUser>();
  private readonly codes = new Map<string, LoginCode>();

  constructor(
    private readonly options: { openPlatformBound: boolean; loginsPerMinute: number },
    private readonly now: () => number,
  ) {}

  get openPlatformBound(): boolean {
    return this.options.openPlatformBound;
  }

  set openPlatformBound(bound: boolean) {
    this.options.openPlatformBound = bound;
  }

  /**
   * A login code for a user: the one with this openid (or unionid), created when new. Without
   * either, a new user, as a first-time visitor.
   */
  issueLoginCode(input: { openid?: string; unionid?: string } = {}): IssuedLoginCode {
    const user = this.userFor(input);
    for (const [old, issued] of this.codes) if (this.now() - issued.issuedAtMs > LOGIN_CODE_TTL_MS) this.codes.delete(old);
    const code = randomBytes(24).toString("base64url");
    this.codes.set(code, { openid: user.openid, issuedAtMs: this.now(), used: false });
    return { code, openid: user.openid, ...this.unionidOf(user) };
  }

  /**
   * `jscode2session`'s answer. A refusal for risk (40226) or login frequency (45011) leaves the code
   * unspent, so the same code works once the minute has passed (until its five minutes are up).
   */
  exchange(code: string | undefined): { openid: string; session_key: string; unionid?: string } {
    const found = code ? this.codes.get(code) : undefined;
    const now = this.now();
    if (!found || now - found.issuedAtMs > LOGIN_CODE_TTL_MS) throw fault(ERR.INVALID_CODE, "invalid code");
    if (found.used) throw fault(ERR.CODE_BEEN_USED, "code been used");
    const user = this.byOpenid.get(found.openid)!;
    if (user.risky) throw fault(ERR.RISKY_USER, "high risk user, login blocked");
    user.recentLogins = user.recentLogins.filter((at) => now - at < MINUTE_MS);
    if (user.recentLogins.length >= this.options.loginsPerMinute) {
      throw fault(ERR.MINUTE_QUOTA, "api minute-quota reach limit, must slower, retry next minute");
    }
    found.used = true;
    user.recentLogins.push(now);
    user.sessionKey = randomBytes(16).toString("base64");
    return { session_key: user.sessionKey, openid: user.openid, ...this.unionidOf(user) };
  }

  /** Marks a user risky (or clears it); answers whether the user exists. */
  markRisky(openid: string, risky: boolean): boolean {
    const user = this.byOpenid.get(openid);
    if (user) user.risky = risky;
    return user !== undefined;
  }

  get(openid: string): MiniappUser | undefined {
    return this.byOpenid.get(openid);
  }

  list(): MiniappUser[] {
    return [...this.byOpenid.values()];
  }

  private unionidOf(user: MiniappUser): { unionid?: string } {
    return this.options.openPlatformBound ? { unionid: user.unionid } : {};
  }

  private userFor({ openid, unionid }: { openid?: string; unionid?: string }): MiniappUser {
    const byUnionid = unionid ? this.list().find((u) => u.unionid === unionid) : undefined;
    const existing = openid ? this.byOpenid.get(openid) : byUnionid;
    if (existing) {
      if (unionid && existing.unionid !== unionid) throw new ActionRefused(`user ${existing.openid} has another unionid`);
      return existing;
    }
    if (byUnionid) throw new ActionRefused(`unionid ${unionid} belongs to user ${byUnionid.openid}`);
    const user: MiniappUser = { openid: openid ?? platformId(), unionid: unionid ?? platformId(), risky: false, recentLogins: [] };
    this.byOpenid.set(user.openid, user);
    return user;
  }
}
