import { z } from "zod";

/** Stable error codes a client may switch on. */
export const ErrorCode = z.enum([
  "bad_request",
  "validation_failed",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "rate_limited",
  "upstream_error",
  "not_ready",
  "internal",
  /** WeCom refused the login code: invalid, expired or already used. Get a new one and retry. */
  "login_code_invalid",
  /** The WeCom user is not in our staff directory (or belongs to another corp). */
  "staff_unknown",
  /** The staff member has left the corp or is disabled. */
  "staff_inactive",
  /** The change would leave the corp without an active manager. */
  "last_manager",
  /** The coupon stock has no units left. */
  "sold_out",
  /** The customer already holds as many coupons of this stock as it allows. */
  "claim_limit_reached",
  /** The manager paused the stock. */
  "stock_paused",
  /** The stock is not offered on the channel the customer came from. */
  "channel_not_allowed",
  /** The Idempotency-Key was used before for a different request. */
  "idempotency_key_reused",
  /** The in-store code is unreadable, forged or older than two minutes: refresh the coupon page. */
  "code_invalid",
  /** The coupon was already used, expired, or is not one redeemed in store. */
  "coupon_not_redeemable",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    requestId: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
