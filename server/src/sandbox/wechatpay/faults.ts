/**
 * Faults a test or the console injects: answers held past the client's patience (after the work is
 * done), 500s and 429s without side effects, and notifications delivered twice.
 */
export type ApiFaultKind = "timeout" | "error500" | "frequencyLimited";
export type FaultKind = ApiFaultKind | "duplicateNotifications";

export interface FaultSetting {
  /** `none` clears every fault. */
  kind: FaultKind | "none";
  /** How many calls (or notifications) it hits; default 1. */
  times?: number;
  /** API faults only: hit calls whose path starts with this (e.g. `/v3/marketing/favor/users`). */
  path?: string;
}

interface Armed {
  remaining: number;
  path?: string;
}

/** Checked in this order when several API faults are armed. */
const API_FAULTS: ApiFaultKind[] = ["error500", "frequencyLimited", "timeout"];

export class Faults {
  private readonly armed = new Map<FaultKind, Armed>();

  set({ kind, times = 1, path }: FaultSetting): void {
    if (kind === "none") this.armed.clear();
    else this.armed.set(kind, { remaining: times, path });
  }

  /** The fault that hits this API call, if one is armed for its path; uses it up by one. */
  takeForCall(path: string): ApiFaultKind | undefined {
    const kind = API_FAULTS.find((k) => {
      const armed = this.armed.get(k);
      return armed !== undefined && (armed.path === undefined || path.startsWith(armed.path));
    });
    if (kind) this.use(kind);
    return kind;
  }

  /** Whether the next notification goes out twice. */
  takeDuplicate(): boolean {
    if (!this.armed.has("duplicateNotifications")) return false;
    this.use("duplicateNotifications");
    return true;
  }

  list(): (FaultSetting & { kind: FaultKind })[] {
    return [...this.armed].map(([kind, { remaining, path }]) => ({ kind, times: remaining, ...(path ? { path } : {}) }));
  }

  private use(kind: FaultKind): void {
    const armed = this.armed.get(kind)!;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.armed.delete(kind);
  }
}
