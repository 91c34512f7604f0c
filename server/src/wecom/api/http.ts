import type { Logger } from "../../platform/logger";
import { RETRY_LATER, WecomApiError, WecomTimeoutError, WecomTransportError } from "./errors";
import type { PathLimiter } from "./limiter";

export interface BackoffOptions {
  /** First wait; doubles each retry, up to maxMs, with jitter (half fixed, half random). */
  baseMs: number;
  maxMs: number;
  /** Tries in all, the first included. */
  attempts: number;
}

export interface HttpOptions {
  apiBase: string;
  timeoutMs: number;
  backoff: BackoffOptions;
  limiter: PathLimiter;
  logger?: Logger;
}

export interface WecomRequest {
  method: "GET" | "POST";
  path: string;
  /** Query parameters, credentials included; never logged. */
  query?: Record<string, string>;
  /** JSON, or a multipart form for uploads. */
  body?: unknown;
}

/** Every WeCom answer carries these; the rest depends on the API. */
export interface WecomAnswer {
  errcode: number;
  errmsg: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One WeCom call over HTTP: under the per-path limiter, with a timeout, answering the parsed body
 * when errcode is 0. Busy and rate-limit answers are retried after a jittered backoff, a bounded
 * number of times; every other refusal is a WecomApiError. Logs carry the path and errcode only.
 */
export class WecomHttp {
  constructor(private readonly options: HttpOptions) {}

  async request<T>(req: WecomRequest): Promise<T & WecomAnswer> {
    const { attempts } = this.options.backoff;
    for (let attempt = 1; ; attempt++) {
      await this.options.limiter.take(req.path);
      const answer = await this.once(req);
      if (answer.errcode === 0) return answer as T & WecomAnswer;
      if (!RETRY_LATER.has(answer.errcode) || attempt >= attempts) {
        this.options.logger?.info({ path: req.path, errcode: answer.errcode }, "wecom api refused");
        throw new WecomApiError(answer.errcode, answer.errmsg, req.path);
      }
      const wait = this.backoffMs(attempt);
      this.options.logger?.warn({ path: req.path, errcode: answer.errcode, attempt, waitMs: wait }, "wecom api busy: backing off");
      await sleep(wait);
    }
  }

  private backoffMs(attempt: number): number {
    const { baseMs, maxMs } = this.options.backoff;
    const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  private async once(req: WecomRequest): Promise<WecomAnswer> {
    const url = new URL(this.options.apiBase + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    const init: RequestInit = { method: req.method, signal: AbortSignal.timeout(this.options.timeoutMs) };
    if (req.body instanceof FormData) init.body = req.body;
    else if (req.body !== undefined) {
      init.body = JSON.stringify(req.body);
      init.headers = { "content-type": "application/json; charset=utf-8" };
    }
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, init);
      text = await res.text();
    } catch (err) {
      const name = (err as Error).name;
      if (name === "TimeoutError" || name === "AbortError") throw new WecomTimeoutError(req.path, this.options.timeoutMs);
      throw new WecomTransportError(req.path, "network");
    }
    if (res.status !== 200) throw new WecomTransportError(req.path, "http_status", res.status);
    try {
      const parsed = JSON.parse(text) as Partial<WecomAnswer>;
      if (typeof parsed.errcode !== "number") throw new Error("no errcode");
      return { ...parsed, errcode: parsed.errcode, errmsg: parsed.errmsg ?? "" };
    } catch {
      throw new WecomTransportError(req.path, "bad_response");
    }
  }
}
