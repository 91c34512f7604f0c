import type { WecomCaller } from "./caller";

/** Never send `session_key` to the client, never log it. */
export interface StaffSession {
  corpid: string;
  userid: string;
  session_key: string;
}

/** Who opened the OAuth link: a member (`userid`), or someone outside the corp (`openid`). */
export interface OAuthUser {
  userid?: string;
  openid?: string;
  user_ticket?: string;
  external_userid?: string;
}

/** Staff login, with the token of the self-built app linked to the mini-program. */
export class LoginApi {
  constructor(private readonly caller: WecomCaller) {}

  /** A `wx.qy.login` code from the mini-program. */
  code2Session(jsCode: string): Promise<StaffSession> {
    return this.caller.get("app", "/cgi-bin/miniprogram/jscode2session", { js_code: jsCode, grant_type: "authorization_code" });
  }

  /** The `code` of WeCom's OAuth redirect (H5). */
  getUserInfo(code: string): Promise<OAuthUser> {
    return this.caller.get("app", "/cgi-bin/auth/getuserinfo", { code });
  }
}
