import type { ErrorCode } from "@scrm/shared";

/**
 * An error the client may see: a status, a stable code it can switch on, and a message. Anything
 * thrown that is not an AppError answers 500 with a generic message; its details go to the log only.
 */
export class AppError extends Error {
  readonly expose = true;

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const BadRequest = (message: string, details?: unknown) => new AppError(400, "bad_request", message, details);
export const ValidationFailed = (details: unknown) => new AppError(422, "validation_failed", "The request is not valid", details);
export const Unauthorized = (message = "Sign in first") => new AppError(401, "unauthorized", message);
export const Forbidden = (message = "Not allowed for your role") => new AppError(403, "forbidden", message);
export const NotFound = (what = "Resource") => new AppError(404, "not_found", `${what} not found`);
export const Conflict = (message: string) => new AppError(409, "conflict", message);
export const PayloadTooLarge = () => new AppError(413, "payload_too_large", "The request body is too large");
export const RateLimited = (message = "Too many requests") => new AppError(429, "rate_limited", message);
export const UpstreamError = (message: string, details?: unknown) => new AppError(502, "upstream_error", message, details);
export const NotReady = (message: string) => new AppError(503, "not_ready", message);

// Staff sign-in and the staff directory.
export const LoginCodeInvalid = (message = "The WeCom login code is invalid, expired or already used; sign in again") =>
  new AppError(401, "login_code_invalid", message);
export const StaffUnknown = () => new AppError(403, "staff_unknown", "You are not in this company's staff directory");
export const StaffInactive = () => new AppError(403, "staff_inactive", "Your staff account is no longer active");
export const LastManager = () => new AppError(409, "last_manager", "The company must keep at least one active manager");
