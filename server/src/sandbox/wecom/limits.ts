import { ERR, fault } from "./wire";

export const GETTOKEN_PATH = "/cgi-bin/gettoken";

export interface QuotaOptions {
  /** Calls per API path per corp per minute (WeCom: 10,000). */
  perApiPerMinute: number;
  /** `gettoken`'s own budget, counted apart from the other APIs. */
  gettokenPerMinute: number;
}

/** WeCom's per-API frequency limit, counted in whole clock minutes like its 45009 answers suggest. */
export class ApiQuota {
  private minute = -1;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly options: QuotaOptions,
    private readonly now: () => number,
  ) {}

  take(path: string): void {
    const minute = Math.floor(this.now() / 60_000);
    if (minute !== this.minute) {
      this.minute = minute;
      this.counts.clear();
    }
    const used = this.counts.get(path) ?? 0;
    const limit = path === GETTOKEN_PATH ? this.options.gettokenPerMinute : this.options.perApiPerMinute;
    if (used >= limit) throw fault(ERR.FREQUENCY_LIMIT, "api freq out of limit");
    this.counts.set(path, used + 1);
  }
}

/** The refusals a test or the console can make WeCom answer next: busy, rate or concurrency limit. */
export type InjectableErrcode = typeof ERR.SYSTEM_BUSY | typeof ERR.FREQUENCY_LIMIT | typeof ERR.CONCURRENCY_LIMIT;

export interface ApiFault {
  errcode: InjectableErrcode;
  /** How many calls get it (default 1). */
  count?: number;
  /** Only calls to this path (e.g. `/cgi-bin/user/get`); any path when absent. */
  path?: string;
}

const MESSAGES: Record<InjectableErrcode, string> = {
  [ERR.SYSTEM_BUSY]: "system busy",
  [ERR.FREQUENCY_LIMIT]: "api freq out of limit",
  [ERR.CONCURRENCY_LIMIT]: "api concurrent out of limit",
};

export class ApiFaults {
  private queue: { errcode: InjectableErrcode; left: number; path?: string }[] = [];

  inject(f: ApiFault): void {
    this.queue.push({ errcode: f.errcode, left: f.count ?? 1, path: f.path });
  }

  clear(): void {
    this.queue = [];
  }

  /** Throws the first injected refusal that matches this call, using one of its count. */
  take(path: string): void {
    const hit = this.queue.find((f) => f.left > 0 && (!f.path || f.path === path));
    if (!hit) return;
    hit.left -= 1;
    this.queue = this.queue.filter((f) => f.left > 0);
    throw fault(hit.errcode, MESSAGES[hit.errcode]);
  }
}
