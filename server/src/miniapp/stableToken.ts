/** What `POST /cgi-bin/stable_token` answers. */
export interface FetchedToken {
  access_token: string;
  /** Seconds the token has left. */
  expires_in: number;
}

interface CachedToken {
  token: string;
  refreshAtMs: number;
}

/**
 * The mini-program access token, kept in memory. It comes from `stable_token`, which answers the same
 * token to every caller while it is valid and never invalidates it by being called again (the older
 * `/cgi-bin/token` does, which is why WeCom's tokens live in the database behind a lease). So each
 * instance may hold its own copy, and no database or lease is needed.
 *
 * A forced refresh (`force_refresh: true`) does invalidate the token every other instance holds, and
 * is limited to 20 a day; so after a refusal we first ask in normal mode, and force only when the
 * platform still hands back the very token it refused. Another instance having forced already then
 * costs us one normal call instead of starting a round of forced refreshes between instances.
 */
export class StableTokenCache {
  private current: CachedToken | undefined;
  private fetching: Promise<string> | undefined;
  private readonly replacing = new Map<string, Promise<string>>();

  constructor(
    private readonly fetchToken: (forceRefresh: boolean) => Promise<FetchedToken>,
    private readonly options: { refreshMarginMs: number; now: () => number },
  ) {}

  /** A token with at least the refresh margin left (or half its remaining life, when less was given). */
  async get(): Promise<string> {
    if (this.current && this.options.now() < this.current.refreshAtMs) return this.current.token;
    return this.fetch(false);
  }

  /** A token other than `refused`, which the platform just refused; concurrent callers share one replacement. */
  replace(refused: string): Promise<string> {
    if (this.current && this.current.token !== refused && this.options.now() < this.current.refreshAtMs) return Promise.resolve(this.current.token);
    let replacement = this.replacing.get(refused);
    if (!replacement) {
      replacement = (async () => {
        const fresh = await this.fetch(false);
        return fresh !== refused ? fresh : this.fetch(true);
      })().finally(() => this.replacing.delete(refused));
      this.replacing.set(refused, replacement);
    }
    return replacement;
  }

  private fetch(forceRefresh: boolean): Promise<string> {
    if (this.fetching && !forceRefresh) return this.fetching;
    const fetching = (async () => {
      const { access_token, expires_in } = await this.fetchToken(forceRefresh);
      const lifeMs = expires_in * 1000;
      const usableMs = Math.max(lifeMs - this.options.refreshMarginMs, lifeMs / 2);
      this.current = { token: access_token, refreshAtMs: this.options.now() + usableMs };
      return access_token;
    })().finally(() => {
      if (this.fetching === fetching) this.fetching = undefined;
    });
    this.fetching = fetching;
    return fetching;
  }
}
