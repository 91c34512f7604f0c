import type { Logger } from "../platform/logger";
import { decodePosterImage } from "./images";

/** Where WeChat and WeCom serve profile pictures; the loader fetches from nowhere else. */
export const WECHAT_AVATAR_HOSTS: readonly string[] = ["wework.qpic.cn", "thirdwx.qlogo.cn", "wx.qlogo.cn"];

export interface AvatarLoaderOptions {
  logger: Logger;
  /**
   * Where to fetch an allowed avatar URL from; undefined skips it (initial avatar). Sandbox mode
   * points WeChat's hosts at the WeCom simulator, so nothing leaves the machine.
   */
  route?: (url: URL) => URL | undefined;
  /** Per fetch, default 2 s: a poster waits for its avatar, so a slow host must not hold it up. */
  timeoutMs?: number;
  /** Default 1 MB; WeChat's avatars are tens of KB. */
  maxBytes?: number;
  /** How long a fetched avatar is reused, default 10 minutes; a failure is retried after a minute. */
  ttlMs?: number;
  failureTtlMs?: number;
  /** How much the cache holds, default 16 MB; the oldest entries go first. */
  maxCacheBytes?: number;
  now?: () => number;
}

interface Cached {
  photo: Promise<Buffer | undefined>;
  expiresAt: number;
  bytes: number;
}

class AvatarFetchFailed extends Error {}

/**
 * Profile pictures for posters, fetched from WeChat's avatar hosts. It never throws: a URL not on
 * those hosts, a slow or failing host, an oversized or undecodable answer all give undefined, and
 * the poster draws the initial on a disc instead.
 */
export class AvatarLoader {
  private readonly cache = new Map<string, Cached>();
  private cachedBytes = 0;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;
  private readonly maxCacheBytes: number;
  private readonly now: () => number;

  constructor(private readonly options: AvatarLoaderOptions) {
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.failureTtlMs = options.failureTtlMs ?? 60_000;
    this.maxCacheBytes = options.maxCacheBytes ?? 16 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  /** The picture at `url`, checked to decode, or undefined. Concurrent loads of one URL share a fetch. */
  load(url: string | null | undefined): Promise<Buffer | undefined> {
    const target = url ? this.targetOf(url) : undefined;
    if (!target) return Promise.resolve(undefined);
    const key = target.href;
    const hit = this.cache.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.photo;
    if (hit) this.forget(key);
    const entry: Cached = { photo: this.fetchPhoto(target), expiresAt: this.now() + this.ttlMs, bytes: 0 };
    this.cache.set(key, entry);
    void entry.photo.then((photo) => {
      if (this.cache.get(key) !== entry) return;
      if (!photo) entry.expiresAt = this.now() + this.failureTtlMs;
      entry.bytes = photo?.length ?? 0;
      this.cachedBytes += entry.bytes;
      this.evict();
    });
    return entry.photo;
  }

  /** An https URL on an avatar host (plain http is upgraded: WeChat still hands some out), routed. */
  private targetOf(url: string): URL | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (parsed.protocol === "http:") parsed.protocol = "https:";
    if (parsed.protocol !== "https:" || parsed.username || parsed.password || parsed.port) return undefined;
    if (!WECHAT_AVATAR_HOSTS.includes(parsed.hostname)) return undefined;
    return this.options.route ? this.options.route(parsed) : parsed;
  }

  private async fetchPhoto(url: URL): Promise<Buffer | undefined> {
    try {
      // No redirects: a redirect could leave the allowed hosts.
      const res = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(this.timeoutMs) });
      if (!res.ok) throw new AvatarFetchFailed(`HTTP ${res.status}`);
      const declared = Number(res.headers.get("content-length") ?? 0);
      if (declared > this.maxBytes) throw new AvatarFetchFailed(`${declared} bytes is over the cap`);
      const bytes = await this.readCapped(res);
      await decodePosterImage("avatar", bytes);
      return bytes;
    } catch (err) {
      this.options.logger.warn({ avatarHost: url.host, err: (err as Error).message }, "avatar not loaded: the poster shows the initial");
      return undefined;
    }
  }

  /** The body, stopping as soon as it passes the cap (Content-Length may be absent or wrong). */
  private async readCapped(res: Response): Promise<Buffer> {
    if (!res.body) throw new AvatarFetchFailed("empty body");
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > this.maxBytes) {
        await reader.cancel();
        throw new AvatarFetchFailed(`over ${this.maxBytes} bytes`);
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks);
  }

  private forget(key: string): void {
    const entry = this.cache.get(key);
    if (!entry) return;
    this.cachedBytes -= entry.bytes;
    this.cache.delete(key);
  }

  private evict(): void {
    for (const key of this.cache.keys()) {
      if (this.cachedBytes <= this.maxCacheBytes) return;
      this.forget(key);
    }
  }
}
