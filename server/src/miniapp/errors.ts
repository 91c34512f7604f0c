import type { SceneProblem } from "./scene";

/** Everything the mini-program client throws is one of these; none carries a secret, token or session key. */
export class MiniappError extends Error {
  constructor(
    message: string,
    /** The API path (no query: the query may hold the secret or the access token). */
    readonly path: string,
  ) {
    super(message);
    this.name = "MiniappError";
  }
}

/** The platform answered with a non-zero errcode. */
export class MiniappApiError extends MiniappError {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    path: string,
  ) {
    super(`mini-program platform ${path} answered ${errcode}: ${errmsg}`, path);
    this.name = "MiniappApiError";
  }
}

/** No answer within the timeout. The call may or may not have taken effect (a login code may be spent). */
export class MiniappTimeoutError extends MiniappError {
  constructor(
    path: string,
    readonly timeoutMs: number,
  ) {
    super(`mini-program platform ${path} did not answer within ${timeoutMs} ms`, path);
    this.name = "MiniappTimeoutError";
  }
}

/** The request failed below the platform's protocol: network error, non-200 status, or an unreadable answer. */
export class MiniappTransportError extends MiniappError {
  constructor(
    path: string,
    readonly reason: "network" | "http_status" | "bad_response",
    readonly status?: number,
  ) {
    super(`mini-program platform ${path} failed: ${reason}${status ? ` ${status}` : ""}`, path);
    this.name = "MiniappTransportError";
  }
}

/** A scene the platform would refuse (40169), caught before calling it. */
export class InvalidSceneError extends MiniappError {
  constructor(readonly problem: SceneProblem) {
    super(`the mini-program code scene is invalid: ${problem.replace("_", " ")}`, "/wxa/getwxacodeunlimit");
    this.name = "InvalidSceneError";
  }
}

/** The platform's error numbers that our code acts on. */
export const MINIAPP_ERR = {
  SYSTEM_BUSY: -1,
  INVALID_CREDENTIAL: 40001,
  INVALID_GRANT_TYPE: 40002,
  /** subscribe/send: `touser` is not a user of this mini-program. */
  INVALID_OPENID: 40003,
  INVALID_APPID: 40013,
  INVALID_ACCESS_TOKEN: 40014,
  /** subscribe/send: a template this mini-program has not added. */
  INVALID_TEMPLATE_ID: 40037,
  /** getwxacodeunlimit: an unknown env_version or another argument the platform cannot read. */
  INVALID_ARGS: 40097,
  /** An unknown or expired login code. */
  INVALID_CODE: 40029,
  /** A login code spent by an earlier call. */
  CODE_BEEN_USED: 40163,
  /** getwxacodeunlimit: scene empty, too long, bad characters, or a body that is not JSON. */
  INVALID_SCENE: 40169,
  INVALID_APPSECRET: 40125,
  /** A user the platform judges risky may not log in. */
  RISKY_USER: 40226,
  MISSING_ACCESS_TOKEN: 41001,
  MISSING_APPID: 41002,
  MISSING_APPSECRET: 41004,
  MISSING_CODE: 41008,
  /** getwxacodeunlimit: the page does not exist in the released version, or has a leading `/` or a query. */
  INVALID_PAGE: 41030,
  ACCESS_TOKEN_EXPIRED: 42001,
  /** subscribe/send: the user refused the template, or has no one-time grant of it left. */
  SUBSCRIPTION_REFUSED: 43101,
  /** Daily quota; for stable_token, the 20 forced refreshes a day. */
  DAILY_QUOTA: 45009,
  /** One user logged in too often (code2Session: 100 a minute per user). */
  MINUTE_QUOTA: 45011,
  DATA_FORMAT_ERROR: 47001,
  /** subscribe/send: `data` is not `{ field: { value } }`, or another argument is malformed. */
  ARGUMENT_INVALID: 47003,
} as const;

/** The access token is refused: get a fresh one and call once more. */
export const TOKEN_REFUSED: ReadonlySet<number> = new Set([
  MINIAPP_ERR.INVALID_CREDENTIAL,
  MINIAPP_ERR.INVALID_ACCESS_TOKEN,
  MINIAPP_ERR.ACCESS_TOKEN_EXPIRED,
]);

/**
 * The login code cannot be exchanged (unknown, expired, or already used): the user must call
 * `wx.login` again. Retrying the same code never helps.
 */
export const LOGIN_CODE_REFUSED: ReadonlySet<number> = new Set([MINIAPP_ERR.INVALID_CODE, MINIAPP_ERR.CODE_BEEN_USED]);

export const isLoginCodeRefused = (err: unknown): err is MiniappApiError =>
  err instanceof MiniappApiError && LOGIN_CODE_REFUSED.has(err.errcode);
