export interface LimiterOptions {
  /** Sustained calls per API path per minute, in this process. */
  perMinute: number;
  /** Calls that may go at once after a quiet spell; with the refill, a minute never exceeds perMinute + burst. */
  burst: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per API path, kept under WeCom's per-API quota (10,000/min per corp). Tokens may
 * go negative: each is a caller queued behind the others, woken when its token has refilled.
 */
export class PathLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly now: () => number;

  constructor(private readonly options: LimiterOptions) {
    if (options.perMinute <= 0 || options.burst < 1) throw new Error("limiter needs a positive rate and a burst of at least 1");
    this.perMs = options.perMinute / 60_000;
    this.now = options.now ?? Date.now;
  }

  /** How long the caller must wait before its call to `path` may go (0 = now); the slot is taken. */
  reserve(path: string): number {
    const now = this.now();
    const b = this.buckets.get(path) ?? { tokens: this.options.burst, at: now };
    b.tokens = Math.min(this.options.burst, b.tokens + (now - b.at) * this.perMs) - 1;
    b.at = now;
    this.buckets.set(path, b);
    return b.tokens >= 0 ? 0 : Math.ceil(-b.tokens / this.perMs);
  }

  async take(path: string): Promise<void> {
    const wait = this.reserve(path);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}
