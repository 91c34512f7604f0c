import type { CallQuery } from "../callLog";

/**
 * One API call as the simulator received it, with what it answered. Only the path, the query and
 * the JSON body are kept: the Authorization header is never recorded, and these APIs carry no
 * other secret.
 */
export interface RecordedPayCall {
  seq: number;
  atMs: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** The error code answered, absent on success. */
  code?: string;
  requestId: string;
}

/** `path` matches as a prefix (pay paths carry openids and coupon ids). */
export type PayCallFilter = Pick<CallQuery<RecordedPayCall>, "path" | "code" | "sinceSeq">;
