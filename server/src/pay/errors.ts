/** Why an answer or a notification was not accepted as WeChat Pay's. */
export type SignatureFailure = "missing_header" | "unknown_serial" | "bad_signature" | "stale_timestamp";

/** The Wechatpay-* headers do not prove the bytes came from WeChat Pay, now. */
export class SignatureVerificationError extends Error {
  constructor(readonly reason: SignatureFailure) {
    super(`WeChat Pay signature not accepted: ${reason.replace("_", " ")}`);
    this.name = "SignatureVerificationError";
  }
}

/** An encrypted resource that does not decrypt with our APIv3 key: tampered, or not meant for us. */
export class ResourceDecryptError extends Error {
  constructor(detail: string) {
    super(`WeChat Pay resource does not decrypt: ${detail}`);
    this.name = "ResourceDecryptError";
  }
}

/** A notification whose signature holds but whose envelope or resource is not what WeChat Pay sends. */
export class InvalidNotificationError extends Error {
  constructor(readonly reason: string) {
    super(`WeChat Pay notification is malformed: ${reason}`);
    this.name = "InvalidNotificationError";
  }
}

/** Codes that mean "try again later" whatever the HTTP status says. */
const TRANSIENT_CODES = new Set(["SYSTEM_ERROR", "FREQUENCY_LIMITED", "FREQUENCY_LIMIT_EXCEED", "SIGN_ERROR"]);
/** 401: our signature or clock (fixable, then retried); 408 and 429: the platform's load. */
const TRANSIENT_STATUSES = new Set([401, 408, 429]);

/**
 * WeChat Pay answered with an error. `definitive` = a business refusal that will not change on
 * retry (stock exhausted, per-user limit, unknown stock…); 5xx, 401, 408 and 429 are not.
 */
export class WechatPayApiError extends Error {
  readonly definitive: boolean;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    /** The API path, without the query. */
    readonly path: string,
  ) {
    super(`WeChat Pay ${path} answered ${status} ${code}: ${detail}`);
    this.name = "WechatPayApiError";
    this.definitive = status >= 400 && status < 500 && !TRANSIENT_STATUSES.has(status) && !TRANSIENT_CODES.has(code);
  }
}

export type UnavailableReason = "timeout" | "network" | "unverified_answer" | "bad_answer";

/**
 * No answer we can trust: a timeout, a refused connection, an answer whose signature fails or
 * that is not WeChat Pay's JSON. The call may or may not have taken effect, so it is always
 * retryable, with the same idempotency key.
 */
export class WechatPayUnavailable extends Error {
  constructor(
    readonly path: string,
    readonly reason: UnavailableReason,
    readonly detail?: string,
  ) {
    super(`WeChat Pay ${path} unavailable: ${reason}${detail ? ` (${detail})` : ""}`);
    this.name = "WechatPayUnavailable";
  }
}
