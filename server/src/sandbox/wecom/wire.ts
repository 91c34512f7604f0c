/**
 * WeCom's wire conventions as the simulator answers them: every answer is HTTP 200 with `errcode`
 * and `errmsg`; a refusal is a thrown `WecomFault` that the router turns into that answer.
 */

/** The error numbers the simulator answers, with WeCom's own meaning. */
export const ERR = {
  SYSTEM_BUSY: -1,
  INVALID_SECRET: 40001,
  INVALID_MEDIA_TYPE: 40004,
  INVALID_UPLOAD_TYPE: 40005,
  INVALID_FILE_SIZE: 40006,
  INVALID_MEDIA_ID: 40007,
  INVALID_MSGTYPE: 40008,
  INVALID_IMAGE_SIZE: 40009,
  INVALID_CORPID: 40013,
  INVALID_TOKEN: 40014,
  /** An invalid or expired one-time code (OAuth code, js_code, and, our choice, a welcome code). */
  INVALID_CODE: 40029,
  INVALID_USERID_LIST: 40031,
  INVALID_USERID_LIST_SIZE: 40032,
  INVALID_AGENTID: 40056,
  INVALID_PARAMETER: 40058,
  INVALID_TAG_ID: 40068,
  INVALID_TAG_NAME: 40071,
  INVALID_EXTERNAL_USERID: 40096,
  MISSING_TOKEN: 41001,
  MISSING_CORPID: 41002,
  MISSING_SECRET: 41004,
  MISSING_AGENTID: 41011,
  NO_CUSTOMER_TO_SEND: 41048,
  WELCOME_CODE_USED: 41051,
  TOKEN_EXPIRED: 42001,
  EMPTY_MEDIA: 44001,
  EMPTY_CONTENT: 44004,
  FREQUENCY_LIMIT: 45009,
  CONCURRENCY_LIMIT: 45033,
  BAD_JSON: 47001,
  API_FORBIDDEN: 48002,
  INVALID_DEPARTMENT_ID: 60123,
  USERID_NOT_FOUND: 60111,
  ALL_RECIPIENTS_INVALID: 81013,
  NOT_EXTERNAL_CONTACT: 84061,
  INVALID_SCENE: 610003,
} as const;

/**
 * What answers a welcome code that is unknown or past its 20 seconds. WeCom does not document it
 * (PROTOCOLS.md): we answer 40029, WeCom's "invalid code" for one-time codes. Clients must match only
 * 41051 (already used) exactly and treat any other refusal as final.
 */
export const WELCOME_CODE_INVALID = ERR.INVALID_CODE;

export type Answer = { errcode: number; errmsg: string } & Record<string, unknown>;

export class WecomFault extends Error {
  constructor(
    readonly errcode: number,
    readonly detail: string,
  ) {
    super(`${errcode} ${detail}`);
    this.name = "WecomFault";
  }
}

export const fault = (errcode: number, detail: string): WecomFault => new WecomFault(errcode, detail);

let hint = 0;

/** WeCom's errmsg shape: the reason, a hint id, and where to look the number up. */
export function refusal(errcode: number, detail: string, nowMs: number): Answer {
  const id = `${Math.floor(nowMs / 1000)}_${(++hint).toString(36)}`;
  return { errcode, errmsg: `${detail}, hint: [${id}], more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}` };
}

export const ok = (fields: Record<string, unknown> = {}): Answer => ({ errcode: 0, errmsg: "ok", ...fields });

/** Query parameters that are credentials never reach the call log. */
const CREDENTIALS = new Set(["access_token", "corpsecret"]);
export const maskQuery = (query: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(query).map(([k, v]) => [k, CREDENTIALS.has(k) ? "[masked]" : v]));

/** Typed reads of a JSON request body; a missing or mistyped field is WeCom's 40058. */
export class JsonBody {
  private readonly fields: Record<string, unknown>;

  constructor(body: unknown) {
    this.fields = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  }

  has(name: string): boolean {
    return this.fields[name] !== undefined && this.fields[name] !== null;
  }

  raw(name: string): unknown {
    return this.fields[name];
  }

  str(name: string): string | undefined {
    const v = this.fields[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") throw fault(ERR.INVALID_PARAMETER, `invalid ${name}`);
    return v;
  }

  requiredStr(name: string): string {
    const v = this.str(name);
    if (v === undefined || v === "") throw fault(ERR.INVALID_PARAMETER, `missing ${name}`);
    return v;
  }

  int(name: string): number | undefined {
    const v = this.fields[name];
    if (v === undefined || v === null) return undefined;
    const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n)) throw fault(ERR.INVALID_PARAMETER, `invalid ${name}`);
    return n;
  }

  bool(name: string): boolean {
    const v = this.fields[name];
    return v === true || v === 1 || v === "1" || v === "true";
  }

  strings(name: string): string[] {
    const v = this.fields[name];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw fault(ERR.INVALID_PARAMETER, `invalid ${name}`);
    return v as string[];
  }

  list(name: string): unknown[] {
    const v = this.fields[name];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw fault(ERR.INVALID_PARAMETER, `invalid ${name}`);
    return v;
  }

  object(name: string): JsonBody | undefined {
    const v = this.fields[name];
    return v && typeof v === "object" && !Array.isArray(v) ? new JsonBody(v) : undefined;
  }
}

/** WeCom counts the 30-character limits of `state` and `remark` in characters, not bytes. */
export const charCount = (s: string): number => [...s].length;

/** An opaque paging cursor over an offset, as WeCom's `next_cursor` strings are opaque. */
export const cursorOf = (offset: number): string => Buffer.from(`o:${offset}`).toString("base64url");
export function offsetOf(cursor: string | undefined): number {
  if (!cursor) return 0;
  const m = /^o:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!m) throw fault(ERR.INVALID_PARAMETER, "invalid cursor");
  return Number(m[1]);
}

/** One page of `items` and the cursor of the next (empty when this was the last). */
export function page<T>(items: T[], cursor: string | undefined, limit: number): { items: T[]; next_cursor: string } {
  const from = offsetOf(cursor);
  const slice = items.slice(from, from + limit);
  return { items: slice, next_cursor: from + limit < items.length ? cursorOf(from + limit) : "" };
}

export { ActionRefused } from "../actions";
