/**
 * How long a failed job waits before its next attempt: doubling from `baseMs` up to `maxMs`, with
 * jitter so jobs that failed together (an upstream outage) do not all come back at once.
 */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.round(Math.min(baseMs * 2 ** (attempts - 1), maxMs) * (0.5 + Math.random() / 2));
}
