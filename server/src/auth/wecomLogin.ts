import type Router from "@koa/router";
import { WecomLoginRequest, type SessionResponse } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { LoginCodeInvalid, StaffInactive, StaffUnknown, UpstreamError } from "../http/errors";
import { parseBody } from "../http/validate";
import { WecomApiError, WecomError } from "../wecom/api";
import { findStaff } from "../wecom/directory/staffRecords";
import { presentSession } from "./sessions";

/** WeCom's answer to a login code that is unknown, expired or already used. */
const INVALID_CODE = 40029;

/**
 * Staff and managers sign in with a one-time WeCom code: from `wx.qy.login` in the mini-program,
 * or from WeCom's OAuth redirect in the H5 build. WeCom says who they are; our staff directory
 * says whether they are still with the corp and which role they hold.
 */
export function wecomLoginRoutes(router: Router, deps: AppDeps): void {
  const { allow, wecom, config } = deps;

  router.post("/api/auth/wecom/weapp", allow("public"), async (ctx) => {
    const { code } = parseBody(ctx, WecomLoginRequest);
    // Only corpid and userid are kept: session_key stays inside this call and is never stored or logged.
    const { corpid, userid } = await askWecom(() => wecom.login.code2Session(code));
    if (corpid !== config.wecom.corpId) throw StaffUnknown();
    ctx.status = 201;
    ctx.body = await signInStaff(deps, userid);
  });

  router.post("/api/auth/wecom/oauth", allow("public"), async (ctx) => {
    const { code } = parseBody(ctx, WecomLoginRequest);
    // Someone outside the corp gets an openid and no userid.
    const { userid } = await askWecom(() => wecom.login.getUserInfo(code));
    if (!userid) throw StaffUnknown();
    ctx.status = 201;
    ctx.body = await signInStaff(deps, userid);
  });
}

async function signInStaff({ db, sessions }: AppDeps, userid: string): Promise<SessionResponse> {
  const member = await findStaff(db, userid);
  if (!member) throw StaffUnknown();
  if (member.status !== "active") throw StaffInactive();
  return presentSession(await sessions.issue({ id: member.userid, role: member.role, name: member.name }));
}

/** A refused code is the caller's to fix (sign in again); anything else on WeCom's side is a 502. */
async function askWecom<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof WecomApiError && err.errcode === INVALID_CODE) throw LoginCodeInvalid();
    if (err instanceof WecomApiError) throw UpstreamError(`WeCom refused the sign-in (errcode ${err.errcode})`);
    if (err instanceof WecomError) throw UpstreamError("WeCom did not answer; try again");
    throw err;
  }
}
