/**
 * The mini-program platform's wire conventions as the simulator answers them: HTTP 200 always; a
 * refusal is JSON `{errcode, errmsg}` with a request id in errmsg; some successes (jscode2session,
 * stable_token) carry no errcode at all, as on the real platform. A refusal is a thrown
 * `MiniappFault` that the simulator turns into that answer.
 */
import { randomBytes } from "node:crypto";

export { MINIAPP_ERR as ERR } from "../../miniapp/errors";

export class MiniappFault extends Error {
  constructor(
    readonly errcode: number,
    readonly detail: string,
  ) {
    super(`${errcode} ${detail}`);
    this.name = "MiniappFault";
  }
}

export const fault = (errcode: number, detail: string): MiniappFault => new MiniappFault(errcode, detail);

/** The platform's errmsg shape: the reason, then `rid: <seconds hex>-<random>-<random>`. */
export function refusal(errcode: number, detail: string, nowMs: number): { errcode: number; errmsg: string } {
  const rid = [Math.floor(nowMs / 1000).toString(16).padStart(8, "0"), randomBytes(4).toString("hex"), randomBytes(4).toString("hex")].join("-");
  return { errcode, errmsg: `${detail}, rid: ${rid}` };
}

/** What a call answers: JSON (a refusal or a result), or an image. */
export type Reply = { kind: "json"; body: Record<string, unknown> } | { kind: "image"; contentType: string; bytes: Buffer };

/** Credentials never reach the call log, whether they came in the query or the body. */
const CREDENTIALS = new Set(["secret", "access_token"]);
const mask = (fields: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, CREDENTIALS.has(k) ? "[masked]" : v]));
export const maskQuery = (query: Record<string, string>) => mask(query) as Record<string, string>;
export const maskBody = (body: unknown): unknown => (body && typeof body === "object" && !Array.isArray(body) ? mask(body as Record<string, unknown>) : body);

/** Typed reads of a JSON request body. */
export class JsonBody {
  private readonly fields: Record<string, unknown>;

  constructor(body: unknown) {
    this.fields = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  }

  /** A field as it came, for structured ones (subscribe/send's `data`). */
  raw(name: string): unknown {
    return this.fields[name];
  }

  str(name: string): string | undefined {
    const v = this.fields[name];
    return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
  }

  int(name: string): number | undefined {
    const v = this.fields[name];
    const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
    return typeof n === "number" && Number.isInteger(n) ? n : undefined;
  }

  /** Absent is `fallback`; the platform reads `true`/`false` (and their string forms). */
  bool(name: string, fallback: boolean): boolean {
    const v = this.fields[name];
    if (v === undefined || v === null) return fallback;
    return v === true || v === 1 || v === "true" || v === "1";
  }
}
