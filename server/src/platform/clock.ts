/**
 * Business time: due dates, follow-up steps, coupon validity, qualification windows, statistics.
 * Tests and the sandbox console move it. Protocol safety windows (callback timestamps, WeChat Pay's
 * 5 minutes, token expiry, leases) use the real clock (`Date.now()`), never this one.
 */
export interface Clock {
  now(): Date;
}

export class BusinessClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves business time forward (or back, with a negative amount). */
  advance(ms: number): Date {
    this.offsetMs += ms;
    return this.now();
  }

  /** Makes business time read `at` now, then run on from there. */
  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
