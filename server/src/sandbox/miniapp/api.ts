import type { SubscribeMessages } from "./subscriptions";
import type { StableTokenIssuer } from "./tokens";
import type { MiniappUsers } from "./users";
import { drawWxaCode, type DrawnWxaCode, type WxaCodeSettings } from "./wxaCode";
import { ERR, fault, type JsonBody, type Reply } from "./wire";

/** What an API handler may read and change. */
export interface SimContext {
  appId: string;
  secret: string;
  users: MiniappUsers;
  tokens: StableTokenIssuer;
  wxaCode: WxaCodeSettings;
  drawn: DrawnWxaCode[];
  subscriptions: SubscribeMessages;
  /** The simulator's clock (epoch ms): real time unless a test injects one. */
  now(): number;
}

export interface ApiRequest {
  query: Record<string, string>;
  body: JsonBody;
}

/** One platform API path: how its body comes, whether it takes an access token, what it answers. */
export interface ApiRoute {
  method: "GET" | "POST";
  path: string;
  body: "json" | "none";
  needsToken: boolean;
  /** What a body that is not JSON answers. */
  badJson?: { errcode: number; detail: string };
  /** A refusal is a thrown MiniappFault. */
  handle(req: ApiRequest, sim: SimContext): Reply | Promise<Reply>;
}

const json = (body: Record<string, unknown>): Reply => ({ kind: "json", body });

export const apiRoutes: ApiRoute[] = [
  {
    method: "GET",
    path: "/sns/jscode2session",
    body: "none",
    needsToken: false,
    handle: ({ query }, sim) => {
      if (!query.appid) throw fault(ERR.MISSING_APPID, "appid missing");
      if (!query.secret) throw fault(ERR.MISSING_APPSECRET, "appsecret missing");
      if (!query.js_code) throw fault(ERR.MISSING_CODE, "missing code");
      if (query.appid !== sim.appId) throw fault(ERR.INVALID_APPID, "invalid appid");
      if (query.secret !== sim.secret) throw fault(ERR.INVALID_APPSECRET, "invalid appsecret");
      if (query.grant_type !== "authorization_code") throw fault(ERR.INVALID_GRANT_TYPE, "invalid grant_type");
      return json(sim.users.exchange(query.js_code));
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/stable_token",
    body: "json",
    needsToken: false,
    badJson: { errcode: ERR.DATA_FORMAT_ERROR, detail: "data format error" },
    handle: ({ body }, sim) =>
      json(
        sim.tokens.issue({
          grant_type: body.str("grant_type"),
          appid: body.str("appid"),
          secret: body.str("secret"),
          force_refresh: body.bool("force_refresh", false),
        }),
      ),
  },
  {
    method: "POST",
    path: "/wxa/getwxacodeunlimit",
    body: "json",
    needsToken: true,
    badJson: { errcode: ERR.INVALID_SCENE, detail: "invalid length for scene, or the data is not json string" },
    handle: async ({ body }, sim) => {
      const { code, png } = await drawWxaCode(body, sim.wxaCode, sim.now());
      sim.drawn.push(code);
      return { kind: "image", contentType: "image/png", bytes: png };
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/message/subscribe/send",
    body: "json",
    needsToken: true,
    badJson: { errcode: ERR.DATA_FORMAT_ERROR, detail: "data format error" },
    handle: ({ body }, sim) => json({ errcode: 0, errmsg: "ok", ...sim.subscriptions.send(body, sim.users, sim.now()) }),
  },
];
