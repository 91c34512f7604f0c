import Router from "@koa/router";
import getRawBody from "raw-body";
import type { Context } from "koa";
import { apiRoutes } from "./api";
import { MAX_UPLOAD_BYTES } from "./api/mediaApi";
import type { ApiRoute } from "./api/route";
import { WECOM_ACTIONS } from "./actions/httpActions";
import { mountActions } from "../actions";
import { qrPng } from "../../posters";
import { renderSandboxAvatar, sandboxAvatarOf } from "./avatars";
import type { ApiCall, WecomSimulator } from "./simulator";
import type { SecretKind } from "./tokens";

/** Where the simulator lives, in the sandbox server and standing alone. */
export const SIMULATOR_PREFIX = "/sandbox/wecom";
const JSON_LIMIT = "1mb";

const isSecretKind = (v: string | undefined): v is SecretKind => v === "app" || v === "contact" || v === "directory";

const firstValues = (query: Context["query"]): Record<string, string> =>
  Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? "") : (v ?? "")]));

/**
 * The request as WeCom reads it. A JSON body may already be parsed by the host app's body parser;
 * otherwise (or for an upload) the raw bytes are read here.
 */
async function readCall(ctx: Context, route: ApiRoute): Promise<ApiCall> {
  const call: ApiCall = { method: ctx.method, query: firstValues(ctx.query), body: undefined };
  const request = ctx.request as Context["request"] & { body?: unknown; rawBody?: string };
  if (route.body === "multipart") {
    call.upload = { contentType: ctx.get("content-type"), data: await getRawBody(ctx.req, { limit: MAX_UPLOAD_BYTES }) };
  } else if (route.body === "json") {
    if (request.rawBody !== undefined) call.body = request.body;
    else {
      const text = await getRawBody(ctx.req, { limit: JSON_LIMIT, encoding: "utf-8" });
      try {
        call.body = text === "" ? {} : JSON.parse(text);
      } catch {
        call.badJson = true;
      }
    }
  }
  return call;
}

/** The simulator's HTTP face: WeCom's API paths, `_actions/<name>` and `_inspect/…`. No auth of ours. */
export function simulatorRouter(sim: WecomSimulator): Router {
  const router = new Router({ prefix: SIMULATOR_PREFIX });

  for (const route of apiRoutes) {
    const handler = async (ctx: Context) => {
      ctx.body = sim.answer(route, await readCall(ctx, route));
    };
    if (route.method === "GET") router.get(route.path, handler);
    else router.post(route.path, handler);
  }

  mountActions(router, sim, WECOM_ACTIONS);

  // A contact way's QR image, as WeCom serves it; it encodes a "contact me" link like WeCom's.
  router.get("/_qr/:file", async (ctx) => {
    const configId = ctx.params.file.replace(/\.png$/, "");
    if (!sim.state.contactWays.has(configId)) {
      ctx.status = 404;
      return;
    }
    ctx.type = "image/png";
    ctx.body = await qrPng(`https://work.weixin.qq.com/ca/cawcde${configId}`, { size: 430 });
  });

  // A member's or customer's profile picture, at the path WeCom's avatar URLs carry.
  router.get("/wwhead/:seed/:size", async (ctx) => {
    const avatar = sandboxAvatarOf(`/wwhead/${ctx.params.seed}/${ctx.params.size}`);
    if (!avatar) {
      ctx.status = 404;
      return;
    }
    ctx.type = "image/png";
    ctx.set("Cache-Control", "public, max-age=86400");
    ctx.body = await renderSandboxAvatar(avatar);
  });

  const inspect = (path: string, read: (ctx: Context) => unknown) =>
    router.get(`/_inspect/${path}`, (ctx) => {
      ctx.body = read(ctx);
    });
  inspect("calls", (ctx) => {
    const { path, errcode, secretKind, sinceSeq } = firstValues(ctx.query);
    return sim.calls({
      path: path || undefined,
      errcode: errcode ? Number(errcode) : undefined,
      secretKind: isSecretKind(secretKind) ? secretKind : undefined,
      sinceSeq: sinceSeq ? Number(sinceSeq) : undefined,
    });
  });
  inspect("welcomes", () => sim.welcomes());
  inspect("messages", () => sim.messages());
  inspect("contact-ways", () => sim.contactWays());
  inspect("tags", () => sim.tags());
  inspect("group-messages", () => sim.groupMessages());
  inspect("callbacks", () => sim.callbacks());
  inspect("corp", () => ({
    corpId: sim.corpId,
    agentId: sim.agentId,
    departments: sim.state.departments,
    members: [...sim.state.members.values()],
    customers: [...sim.state.customers.values()],
    follows: sim.state.follows,
  }));
  return router;
}
