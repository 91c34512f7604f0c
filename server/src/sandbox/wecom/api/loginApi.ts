import { randomBytes } from "node:crypto";
import { ActionRefused, ERR, fault } from "../wire";
import { LOGIN_CODE_TTL_MS, type LoginCode } from "../state";
import type { ApiRoute, SimContext } from "./route";

/** Plays the member's device: `wx.qy.login` in the mini-program, or the OAuth redirect in H5. */
export function issueCode(sim: SimContext, codes: Map<string, LoginCode>, userid: string): string {
  if (sim.state.members.get(userid)?.status !== 1) throw new ActionRefused(`no active member ${userid}`);
  const code = randomBytes(24).toString("base64url");
  codes.set(code, { userid, issuedAtMs: sim.now(), used: false });
  return code;
}

/** Takes a one-time code, or refuses with WeCom's 40029 "invalid code" (unknown, used or expired). */
function redeem(sim: SimContext, codes: Map<string, LoginCode>, code: string | undefined): LoginCode {
  const found = code ? codes.get(code) : undefined;
  if (!found || found.used || sim.now() - found.issuedAtMs > LOGIN_CODE_TTL_MS) throw fault(ERR.INVALID_CODE, "invalid code");
  found.used = true;
  return found;
}

export const loginApi: ApiRoute[] = [
  {
    method: "GET",
    path: "/cgi-bin/miniprogram/jscode2session",
    secret: "app",
    body: "none",
    handle: ({ query }, sim) => {
      if (query.grant_type !== "authorization_code") throw fault(ERR.INVALID_PARAMETER, "invalid grant_type");
      const { userid } = redeem(sim, sim.state.miniprogramCodes, query.js_code);
      return { corpid: sim.corpId, userid, session_key: randomBytes(16).toString("base64") };
    },
  },
  {
    method: "GET",
    path: "/cgi-bin/auth/getuserinfo",
    secret: "app",
    body: "none",
    handle: ({ query }, sim) => ({ userid: redeem(sim, sim.state.oauthCodes, query.code).userid }),
  },
];
