import http from "node:http";

/** Latency percentiles in ms from samples in ms. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = Float64Array.from(samples).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export interface Request {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

/** A keep-alive HTTP client for load on 127.0.0.1. */
export function client(baseUrl: string, maxSockets: number) {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  const send = (req: Request): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const r = http.request(
        { host: url.hostname, port: url.port, method: req.method, path: req.path, agent, headers: { ...req.headers, ...(req.body ? { "Content-Length": Buffer.byteLength(req.body) } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      r.on("error", reject);
      r.end(req.body);
    });
  return { send, close: () => agent.destroy() };
}

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  seconds: number;
  latenciesMs: number[];
}

/**
 * Closed loop: `concurrency` workers each send the next request as soon as the previous answers,
 * until `durationS` passes or the requests run out. For throughput.
 */
export async function closedLoop(send: (i: number) => Promise<boolean>, total: number, concurrency: number, durationS: number): Promise<LoadResult> {
  const started = performance.now();
  const deadline = started + durationS * 1000;
  let next = 0;
  const result: LoadResult = { sent: 0, ok: 0, failed: 0, seconds: 0, latenciesMs: [] };
  const worker = async () => {
    while (next < total && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      result.sent++;
      const ok = await send(i).catch(() => false);
      result.latenciesMs.push(performance.now() - t0);
      if (ok) result.ok++;
      else result.failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/**
 * Open loop at a fixed offered rate: request i is due at start + i / rate, and its latency is
 * measured from when it was due, not from when it was sent, so a slow server cannot hide its
 * queueing (no coordinated omission).
 */
export async function openLoop(
  send: (i: number) => Promise<boolean>,
  rate: number,
  durationS: number,
  /** Called with each answer as it comes, e.g. to split latencies by request kind or print progress. */
  onAnswer?: (index: number, latencyMs: number, ok: boolean) => void,
): Promise<LoadResult> {
  const total = Math.floor(rate * durationS);
  const result: LoadResult = { sent: 0, ok: 0, failed: 0, seconds: 0, latenciesMs: [] };
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  let i = 0;
  while (i < total) {
    const now = performance.now();
    while (i < total && started + (i * 1000) / rate <= now) {
      const due = started + (i * 1000) / rate;
      const index = i++;
      result.sent++;
      inflight.push(
        send(index)
          .catch(() => false)
          .then((ok) => {
            const latencyMs = performance.now() - due;
            result.latenciesMs.push(latencyMs);
            onAnswer?.(index, latencyMs, ok);
            if (ok) result.ok++;
            else result.failed++;
          }),
      );
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inflight);
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
