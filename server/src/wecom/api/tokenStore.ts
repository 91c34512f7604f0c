import { randomUUID } from "node:crypto";
import type { Database } from "../../db/database";
import { WecomAccessToken } from "./accessToken.entity";
import { WecomTokenUnavailableError } from "./errors";
import type { WecomSecretKind } from "./caller";

export interface FetchedToken {
  access_token: string;
  expires_in: number;
}

export interface TokenStoreOptions {
  /** Ask for a new token this long before expiry (never earlier than half its life). */
  refreshMarginMs: number;
  /** How long one instance may hold the refresh before another may take over. */
  leaseMs: number;
  /** How often a waiting instance looks for the winner's token. */
  pollMs: number;
  /** This instance, in the lease owner column. */
  owner: string;
  /** The real clock. */
  now: () => number;
}

interface Usable {
  token: string;
  refreshAt: number;
}

/**
 * One access token per secret kind, stored in `wecom_access_tokens` and shared by every instance.
 * A refresh runs once: one promise per kind inside this process, and across instances the one that
 * takes the lease (conditional UPDATE) asks WeCom while the others poll for its token.
 */
export class TokenStore {
  private readonly memory = new Map<WecomSecretKind, Usable>();
  private readonly inflight = new Map<WecomSecretKind, Promise<string>>();

  constructor(
    private readonly db: Database,
    private readonly fingerprints: Record<WecomSecretKind, string>,
    private readonly fetchToken: (kind: WecomSecretKind) => Promise<FetchedToken>,
    private readonly options: TokenStoreOptions,
  ) {}

  get(kind: WecomSecretKind): Promise<string> {
    const cached = this.memory.get(kind);
    if (cached && cached.refreshAt > this.options.now()) return Promise.resolve(cached.token);
    let pending = this.inflight.get(kind);
    if (!pending) {
      pending = this.load(kind).finally(() => this.inflight.delete(kind));
      this.inflight.set(kind, pending);
    }
    return pending;
  }

  /** WeCom refused this token: forget it, unless another caller has already replaced it. */
  async invalidate(kind: WecomSecretKind, token: string): Promise<void> {
    if (this.memory.get(kind)?.token === token) this.memory.delete(kind);
    await this.db.transaction((em) =>
      em
        .createQueryBuilder()
        .update(WecomAccessToken)
        .set({ token: null, expiresAt: null, refreshAt: null })
        .where("kind = :kind AND token = :token", { kind, token })
        .execute(),
    );
  }

  private async load(kind: WecomSecretKind): Promise<string> {
    const giveUpAt = this.options.now() + 3 * this.options.leaseMs;
    for (;;) {
      const stored = await this.usable(kind);
      if (stored) return this.remember(kind, stored);
      const claim = await this.takeLease(kind);
      if (claim) return this.refresh(kind, claim);
      if (this.options.now() > giveUpAt) throw new WecomTokenUnavailableError(kind);
      await new Promise((r) => setTimeout(r, this.options.pollMs));
    }
  }

  private async refresh(kind: WecomSecretKind, claim: string): Promise<string> {
    try {
      // Another instance may have stored a token between our read and our lease.
      const stored = await this.usable(kind);
      if (stored) {
        await this.releaseLease(kind, claim);
        return this.remember(kind, stored);
      }
      const askedAt = this.options.now();
      const fetched = await this.fetchToken(kind);
      const lifeMs = fetched.expires_in * 1000;
      const fresh = { token: fetched.access_token, refreshAt: askedAt + Math.max(lifeMs - this.options.refreshMarginMs, lifeMs / 2) };
      // Stored only while we still hold the lease; if it lapsed, the token is still good for us.
      await this.db.transaction((em) =>
        em
          .createQueryBuilder()
          .update(WecomAccessToken)
          .set({
            token: fresh.token,
            secretFingerprint: this.fingerprints[kind],
            expiresAt: askedAt + lifeMs,
            refreshAt: fresh.refreshAt,
            leaseOwner: null,
            leaseUntil: null,
          })
          .where("kind = :kind AND lease_owner = :claim", { kind, claim })
          .execute(),
      );
      return this.remember(kind, fresh);
    } catch (err) {
      await this.releaseLease(kind, claim);
      throw err;
    }
  }

  private async usable(kind: WecomSecretKind): Promise<Usable | undefined> {
    const row = await this.db.manager.findOneBy(WecomAccessToken, { kind });
    if (!row?.token || row.refreshAt === null || row.secretFingerprint !== this.fingerprints[kind]) return undefined;
    return row.refreshAt > this.options.now() ? { token: row.token, refreshAt: row.refreshAt } : undefined;
  }

  private remember(kind: WecomSecretKind, usable: Usable): string {
    this.memory.set(kind, usable);
    return usable.token;
  }

  /** The refresh lease for this kind, or undefined when another instance holds it. */
  private async takeLease(kind: WecomSecretKind): Promise<string | undefined> {
    const claim = `${this.options.owner}#${randomUUID()}`.slice(0, 100);
    const now = this.options.now();
    const taken = await this.db.transaction(async (em) => {
      await em.createQueryBuilder().insert().into(WecomAccessToken).values({ kind }).orIgnore().execute();
      return em
        .createQueryBuilder()
        .update(WecomAccessToken)
        .set({ leaseOwner: claim, leaseUntil: now + this.options.leaseMs })
        .where("kind = :kind AND (lease_until IS NULL OR lease_until < :now)", { kind, now })
        .execute();
    });
    return taken.affected === 1 ? claim : undefined;
  }

  private async releaseLease(kind: WecomSecretKind, claim: string): Promise<void> {
    await this.db.transaction((em) =>
      em
        .createQueryBuilder()
        .update(WecomAccessToken)
        .set({ leaseOwner: null, leaseUntil: null })
        .where("kind = :kind AND lease_owner = :claim", { kind, claim })
        .execute(),
    );
  }
}
