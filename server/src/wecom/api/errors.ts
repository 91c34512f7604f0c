/** Everything the WeCom client throws is one of these; none carries a token or a secret. */
export class WecomError extends Error {
  constructor(
    message: string,
    /** The API path (no query: the query holds the access token). */
    readonly path: string,
  ) {
    super(message);
    this.name = "WecomError";
  }
}

/** WeCom answered with a non-zero errcode. */
export class WecomApiError extends WecomError {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    path: string,
  ) {
    super(`WeCom ${path} answered ${errcode}: ${errmsg}`, path);
    this.name = "WecomApiError";
  }
}

/** No answer within the timeout. The call may or may not have taken effect at WeCom. */
export class WecomTimeoutError extends WecomError {
  constructor(
    path: string,
    readonly timeoutMs: number,
  ) {
    super(`WeCom ${path} did not answer within ${timeoutMs} ms`, path);
    this.name = "WecomTimeoutError";
  }
}

/** The request failed below WeCom's protocol: network error, non-200 status, or an answer that is not JSON. */
export class WecomTransportError extends WecomError {
  constructor(
    path: string,
    readonly reason: "network" | "http_status" | "bad_response",
    readonly status?: number,
  ) {
    super(`WeCom ${path} failed: ${reason}${status ? ` ${status}` : ""}`, path);
    this.name = "WecomTransportError";
  }
}

/** Another instance held the token refresh for longer than we wait, and no token appeared. */
export class WecomTokenUnavailableError extends WecomError {
  constructor(readonly kind: string) {
    super(`no WeCom access token for the ${kind} secret: the refresh by another instance did not finish`, "/cgi-bin/gettoken");
    this.name = "WecomTokenUnavailableError";
  }
}

/** The access token is missing, invalid or expired: refresh it and retry once. */
export const TOKEN_REFUSED = new Set([40014, 42001, 41001]);
/** Busy (-1), frequency limit (45009), concurrency limit (45033): back off and retry. */
export const RETRY_LATER = new Set([-1, 45009, 45033]);
/** A welcome code already used; any other refusal of a welcome code is final too (PROTOCOLS.md). */
export const WELCOME_CODE_USED = 41051;
