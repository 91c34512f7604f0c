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
