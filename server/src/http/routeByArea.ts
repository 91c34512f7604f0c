import Router, { type RouterMiddleware } from "@koa/router";
import type { Middleware } from "koa";

/** `/api/channels/…` → `api/channels`; `/wecom/callback` → `wecom`; `/healthz` → `healthz`. */
export function areaOf(path: string): string {
  const [, first = "", second = ""] = path.split("/", 3);
  return first === "api" ? `api/${second}` : first;
}

/**
 * Serves a router's routes split by area, so a request is matched only against the routes of
 * its area: @koa/router tests every route of a router in turn, which made each request pay for
 * every route the product has. A method a path does not serve falls through to the 404, like an
 * unknown path (one middleware less on every request than answering 405).
 */
export function routeByArea(router: Router): Middleware {
  const areas = new Map<string, Router>();
  for (const layer of router.stack) {
    if (typeof layer.path !== "string") throw new Error("routes must have string paths to be served by area");
    const key = areaOf(layer.path);
    if (key.includes(":")) throw new Error(`route ${layer.path} has a parameter in its area`);
    let area = areas.get(key);
    if (!area) areas.set(key, (area = new Router()));
    area.register(layer.path, layer.methods, layer.stack as RouterMiddleware[], layer.opts);
  }
  const handlers = new Map([...areas].map(([key, area]) => [key, area.routes() as Middleware]));
  return (ctx, next) => {
    const handle = handlers.get(areaOf(ctx.path));
    return handle ? handle(ctx, next) : next();
  };
}
