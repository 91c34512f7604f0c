/**
 * WeChat Pay API v3's wire conventions as the simulator answers them: real HTTP statuses, errors
 * as `{code, message}`, every answer signed. A refusal is a thrown `PayFault`.
 *
 * Statuses and codes of the marketing-coupon (代金券) APIs, from the published error table of
 * 发放指定批次的代金券 / 根据商户号查用户的券 (the same table on each favor API page), plus the
 * v3 common codes (401 SIGN_ERROR, 429 FREQUENCY_LIMITED, 500 SYSTEM_ERROR). The per-user limit
 * answers RULE_LIMIT ("用户已达最大领券次数"), as merchants report the live API doing; the table
 * lists it as REQUEST_BLOCKED "用户被限领拦截". Both are 403.
 */
import { randomBytes, randomInt } from "node:crypto";

export const PAY_ERR = {
  PARAM_ERROR: 400,
  INVALID_REQUEST: 400,
  APPID_MCHID_NOT_MATCH: 400,
  MCH_NOT_EXISTS: 400,
  /** An out_request_no reused with different content: not confirmed for this API, see `FavorStocks.send`. */
  RESOURCE_ALREADY_EXISTS: 400,
  SIGN_ERROR: 401,
  NOT_ENOUGH: 403,
  RULE_LIMIT: 403,
  USER_ACCOUNT_ABNORMAL: 403,
  REQUEST_BLOCKED: 403,
  RESOURCE_NOT_EXISTS: 404,
  FREQUENCY_LIMITED: 429,
  SYSTEM_ERROR: 500,
} as const;

export type PayErrorCode = keyof typeof PAY_ERR;

export class PayFault extends Error {
  readonly status: number;

  constructor(
    readonly code: PayErrorCode,
    readonly detail: string,
  ) {
    super(`${PAY_ERR[code]} ${code} ${detail}`);
    this.name = "PayFault";
    this.status = PAY_ERR[code];
  }
}

export const refuse = (code: PayErrorCode, detail: string): PayFault => new PayFault(code, detail);

/** What an API answers before it is signed. */
export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

export const faultReply = (fault: PayFault): Reply => ({ status: fault.status, body: { code: fault.code, message: fault.detail } });

/** The `Request-ID` WeChat Pay puts on every answer, for support tickets. */
export const newRequestId = (): string => randomBytes(16).toString("hex").toUpperCase();

/** WeChat Pay's ids (coupons, stocks, transactions) are decimal digits. */
export const randomDigits = (n: number): string => Array.from({ length: n }, () => randomInt(10)).join("");
