import Router from "@koa/router";
import getRawBody from "raw-body";
import type { Context } from "koa";
import { mountActions } from "../actions";
import { payApiRoutes, type PayApiRoute } from "./api";
import { WECHATPAY_ACTIONS } from "./actions";
import type { WechatPaySimulator } from "./simulator";

/** Where the simulator lives, in the sandbox server and standing alone. */
export const WECHATPAY_SIMULATOR_PREFIX = "/sandbox/wechatpay";
const BODY_LIMIT = "1mb";

const queryOf = (ctx: Context): Record<string, string> => Object.fromEntries(new URLSearchParams(ctx.querystring));

/**
 * The bytes the merchant signed. A host app's body parser may have read them already (it keeps
 * them as `rawBody`); otherwise they are read here, whatever the content type.
 */
async function rawBodyOf(ctx: Context): Promise<Buffer> {
  const { rawBody } = ctx.request as Context["request"] & { rawBody?: string };
  if (rawBody !== undefined) return Buffer.from(rawBody, "utf8");
  if (ctx.req.readableEnded) throw new Error("the WeChat Pay simulator's request body was consumed without keeping rawBody");
  return getRawBody(ctx.req, { limit: BODY_LIMIT });
}

function apiHandler(sim: WechatPaySimulator, route: PayApiRoute) {
  return async (ctx: Context & { params: Record<string, string> }) => {
    const reply = await sim.answer(route, {
      method: ctx.method,
      pathWithQuery: ctx.originalUrl.slice(WECHATPAY_SIMULATOR_PREFIX.length),
      path: ctx.path.slice(WECHATPAY_SIMULATOR_PREFIX.length),
      params: ctx.params,
      query: queryOf(ctx),
      authorization: ctx.get("Authorization") || undefined,
      wechatpaySerial: ctx.get("Wechatpay-Serial") || undefined,
      rawBody: await rawBodyOf(ctx),
    });
    ctx.status = reply.status;
    ctx.set(reply.headers);
    ctx.type = "application/json";
    ctx.body = reply.body;
  };
}

/** The simulator's HTTP face: WeChat Pay's `/v3/…` paths, `_actions/<name>` and `_inspect/…`. No auth of ours. */
export function simulatorRouter(sim: WechatPaySimulator): Router {
  const router = new Router({ prefix: WECHATPAY_SIMULATOR_PREFIX });

  for (const route of payApiRoutes) {
    if (route.method === "GET") router.get(route.path, apiHandler(sim, route));
    else router.post(route.path, apiHandler(sim, route));
  }

  mountActions(router, sim, WECHATPAY_ACTIONS);

  const inspect = (path: string, read: (ctx: Context) => unknown) =>
    router.get(`/_inspect/${path}`, (ctx) => {
      ctx.body = read(ctx);
    });
  inspect("calls", (ctx) => {
    const { path, code, sinceSeq } = queryOf(ctx);
    return sim.calls({ path: path || undefined, code: code || undefined, sinceSeq: sinceSeq ? Number(sinceSeq) : undefined });
  });
  inspect("coupons", () => sim.coupons());
  inspect("stocks", () => sim.stocks());
  inspect("notifications", () => sim.notifications());
  inspect("faults", () => sim.faults());
  inspect("merchant", () => ({ mchid: sim.mchid, appId: sim.appId, notifyUrl: sim.notifyUrl ?? null, platformSerial: sim.platformSerial }));
  return router;
}
