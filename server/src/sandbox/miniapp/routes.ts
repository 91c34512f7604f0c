import Router from "@koa/router";
import getRawBody from "raw-body";
import type { Context } from "koa";
import { mountActions } from "../actions";
import { apiRoutes, type ApiRoute } from "./api";
import { MINIAPP_ACTIONS } from "./actions";
import type { ApiCall, MiniappSimulator } from "./simulator";

/** Where the simulator lives, in the sandbox server and standing alone. */
export const MINIAPP_SIMULATOR_PREFIX = "/sandbox/miniapp";
const JSON_LIMIT = "1mb";

const firstValues = (query: Context["query"]): Record<string, string> =>
  Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? "") : (v ?? "")]));

/**
 * The request as the platform reads it. A JSON body may already be parsed by the host app's body
 * parser; otherwise (any content type: the platform does not insist on one) the raw bytes are read here.
 */
async function readCall(ctx: Context, route: ApiRoute): Promise<ApiCall> {
  const call: ApiCall = { method: ctx.method, query: firstValues(ctx.query), body: undefined };
  const request = ctx.request as Context["request"] & { body?: unknown; rawBody?: string };
  if (route.body !== "json") return call;
  if (request.rawBody !== undefined) call.body = request.body;
  else {
    const text = await getRawBody(ctx.req, { limit: JSON_LIMIT, encoding: "utf-8" });
    try {
      call.body = JSON.parse(text);
    } catch {
      call.badJson = true;
    }
  }
  return call;
}

/** The simulator's HTTP face: the platform's API paths, `_actions/<name>` and `_inspect/…`. No auth of ours. */
export function simulatorRouter(sim: MiniappSimulator): Router {
  const router = new Router({ prefix: MINIAPP_SIMULATOR_PREFIX });

  for (const route of apiRoutes) {
    const handler = async (ctx: Context) => {
      const reply = await sim.answer(route, await readCall(ctx, route));
      if (reply.kind === "image") ctx.type = reply.contentType;
      ctx.body = reply.kind === "image" ? reply.bytes : reply.body;
    };
    if (route.method === "GET") router.get(route.path, handler);
    else router.post(route.path, handler);
  }

  mountActions(router, sim, MINIAPP_ACTIONS);

  const inspect = (path: string, read: (ctx: Context) => unknown) =>
    router.get(`/_inspect/${path}`, (ctx) => {
      ctx.body = read(ctx);
    });
  inspect("calls", (ctx) => {
    const { path, errcode, sinceSeq } = firstValues(ctx.query);
    return sim.calls({
      path: path || undefined,
      errcode: errcode ? Number(errcode) : undefined,
      sinceSeq: sinceSeq ? Number(sinceSeq) : undefined,
    });
  });
  inspect("users", () => sim.users());
  inspect("wxa-codes", () => sim.wxaCodes());
  inspect("subscribe-messages", () => sim.subscribeMessages());
  inspect("subscriptions", () => sim.subscriptions());
  inspect("app", () => ({ appId: sim.appId, openPlatformBound: sim.openPlatformBound }));
  return router;
}
