import { AppError } from "../http/errors";

/** Why a claim was refused; stored with a refused claim so its Idempotency-Key answers the same. */
export type Refusal = "sold_out" | "claim_limit_reached" | "stock_paused" | "channel_not_allowed";

const REFUSALS: Record<Refusal, () => AppError> = {
  sold_out: () => new AppError(409, "sold_out", "This coupon is all claimed"),
  claim_limit_reached: () => new AppError(409, "claim_limit_reached", "You already hold as many of this coupon as one customer may"),
  stock_paused: () => new AppError(409, "stock_paused", "This coupon cannot be claimed right now"),
  channel_not_allowed: () => new AppError(403, "channel_not_allowed", "This coupon is not offered where you came from"),
};

export const refusalError = (refusal: Refusal): AppError => REFUSALS[refusal]();
export const isRefusal = (code: string | null): code is Refusal => code !== null && Object.hasOwn(REFUSALS, code);

export const IdempotencyKeyReused = () => new AppError(409, "idempotency_key_reused", "This Idempotency-Key was used for another claim");
export const CodeInvalid = (message = "The code is not valid or has expired; ask the customer to refresh their coupon page") =>
  new AppError(422, "code_invalid", message);
export const CouponNotRedeemable = (message: string) => new AppError(409, "coupon_not_redeemable", message);
