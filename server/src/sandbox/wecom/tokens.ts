import { randomBytes } from "node:crypto";
import { ERR, fault } from "./wire";

/** The three `corpsecret`s the simulator knows; each one's tokens open only its own APIs. */
export type SecretKind = "app" | "contact" | "directory";
export type Secrets = Record<SecretKind, string>;

interface IssuedToken {
  token: string;
  kind: SecretKind;
  expiresAtMs: number;
  revoked: boolean;
}

/**
 * `gettoken` and the access-token check of every API. Like WeCom, asking again while a token is
 * valid answers the same token; a revoked or expired one is replaced by a fresh one.
 */
export class TokenIssuer {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly current = new Map<SecretKind, IssuedToken>();

  constructor(
    private readonly corpId: string,
    private readonly secrets: Secrets,
    private readonly lifetimeS: number,
    private readonly now: () => number,
  ) {}

  /** Which secret this is (for the call log, which never shows the secret itself). */
  kindOfSecret(corpsecret: string | undefined): SecretKind | undefined {
    return (Object.keys(this.secrets) as SecretKind[]).find((k) => this.secrets[k] === corpsecret);
  }

  kindOfToken(token: string | undefined): SecretKind | undefined {
    return token ? this.tokens.get(token)?.kind : undefined;
  }

  issue(corpid: string | undefined, corpsecret: string | undefined): { access_token: string; expires_in: number } {
    if (!corpid) throw fault(ERR.MISSING_CORPID, "corpid missing");
    if (!corpsecret) throw fault(ERR.MISSING_SECRET, "corpsecret missing");
    if (corpid !== this.corpId) throw fault(ERR.INVALID_CORPID, "invalid corpid");
    const kind = this.kindOfSecret(corpsecret);
    if (!kind) throw fault(ERR.INVALID_SECRET, "invalid credential");
    const now = this.now();
    let issued = this.current.get(kind);
    if (!issued || issued.revoked || issued.expiresAtMs <= now) {
      issued = { token: randomBytes(48).toString("base64url"), kind, expiresAtMs: now + this.lifetimeS * 1000, revoked: false };
      this.tokens.set(issued.token, issued);
      this.current.set(kind, issued);
    }
    return { access_token: issued.token, expires_in: Math.ceil((issued.expiresAtMs - now) / 1000) };
  }

  /** Lets a call through only with a live token of the secret its API needs. */
  authorize(token: string | undefined, needs: SecretKind): void {
    if (!token) throw fault(ERR.MISSING_TOKEN, "access_token missing");
    const issued = this.tokens.get(token);
    if (!issued || issued.revoked) throw fault(ERR.INVALID_TOKEN, "invalid access_token");
    if (issued.expiresAtMs <= this.now()) throw fault(ERR.TOKEN_EXPIRED, "access_token expired");
    if (issued.kind !== needs) throw fault(ERR.API_FORBIDDEN, "api forbidden");
  }

  /** WeCom may invalidate a token before its time; this plays that. Answers whether it was live. */
  revoke(token: string): boolean {
    const issued = this.tokens.get(token);
    if (!issued || issued.revoked) return false;
    issued.revoked = true;
    return issued.expiresAtMs > this.now();
  }

  /** Revokes every token (of one secret, or all); answers how many were live. */
  revokeAll(kind?: SecretKind): number {
    let n = 0;
    for (const issued of this.tokens.values()) if (!kind || issued.kind === kind) n += this.revoke(issued.token) ? 1 : 0;
    return n;
  }
}
