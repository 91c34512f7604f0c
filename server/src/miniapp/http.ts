import { MiniappApiError, MiniappTimeoutError, MiniappTransportError } from "./errors";

export interface MiniappRequest {
  method: "GET" | "POST";
  path: string;
  /** Query parameters, credentials included; never logged. */
  query?: Record<string, string>;
  /** Sent as JSON. */
  body?: object;
}

/** A JSON answer; success answers of some APIs (jscode2session, stable_token) carry no errcode at all. */
type JsonAnswer = { errcode?: number; errmsg?: string } & Record<string, unknown>;

export type MiniappAnswer = { kind: "json"; body: JsonAnswer } | { kind: "image"; contentType: string; bytes: Buffer };

/**
 * One call to the mini-program platform over HTTP, with a timeout. A JSON answer with a non-zero
 * errcode becomes a MiniappApiError; an image answer (getwxacodeunlimit) comes back as bytes.
 * Nothing is retried here: a login code is single-use, so only the caller knows what is safe.
 */
export class MiniappHttp {
  constructor(private readonly options: { apiBase: string; timeoutMs: number }) {}

  async json<T>(req: MiniappRequest): Promise<T> {
    const answer = await this.call(req);
    if (answer.kind !== "json") throw new MiniappTransportError(req.path, "bad_response");
    return answer.body as T;
  }

  async call(req: MiniappRequest): Promise<MiniappAnswer> {
    const url = new URL(this.options.apiBase.replace(/\/+$/, "") + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    const init: RequestInit = { method: req.method, signal: AbortSignal.timeout(this.options.timeoutMs) };
    if (req.body !== undefined) {
      init.body = JSON.stringify(req.body);
      init.headers = { "content-type": "application/json; charset=utf-8" };
    }
    let res: Response;
    let bytes: Buffer;
    try {
      res = await fetch(url, init);
      bytes = Buffer.from(await res.arrayBuffer());
    } catch (err) {
      const name = (err as Error).name;
      if (name === "TimeoutError" || name === "AbortError") throw new MiniappTimeoutError(req.path, this.options.timeoutMs);
      throw new MiniappTransportError(req.path, "network");
    }
    if (res.status !== 200) throw new MiniappTransportError(req.path, "http_status", res.status);
    const contentType = res.headers.get("content-type") ?? "";
    if (contentType.startsWith("image/")) return { kind: "image", contentType, bytes };
    let body: JsonAnswer;
    try {
      const parsed: unknown = JSON.parse(bytes.toString("utf-8"));
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
      body = parsed as JsonAnswer;
    } catch {
      throw new MiniappTransportError(req.path, "bad_response");
    }
    if (body.errcode !== undefined && body.errcode !== 0) {
      throw new MiniappApiError(Number(body.errcode), String(body.errmsg ?? ""), req.path);
    }
    return { kind: "json", body };
  }
}
