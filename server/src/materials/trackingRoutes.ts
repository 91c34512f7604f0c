import type Router from "@koa/router";
import { MaterialEventInput } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { parseBody } from "../http/validate";
import { optionalUser } from "./viewers";
import { trackEvent } from "./tracking";
import { materialStats } from "./stats";
import { myShares } from "./myShares";

/** What viewers do with shares, each material's statistics, and a staff member's shares with their readers. */
export function trackingRoutes(router: Router, deps: AppDeps): void {
  const { allow } = deps;

  router.post("/api/shares/:token/events", allow("public"), async (ctx) => {
    const input = parseBody(ctx, MaterialEventInput);
    const user = await optionalUser(deps.sessions, ctx);
    ctx.body = await trackEvent(deps, ctx.params.token, input, user, ctx.get("User-Agent") || undefined);
  });

  router.get("/api/materials/:id/stats", allow("manager"), async (ctx) => {
    ctx.body = await materialStats(deps, ctx.params.id);
  });

  router.get("/api/my-shares", allow("staff", "manager"), async (ctx) => {
    ctx.body = { shares: await myShares(deps, ctx.state.user!.id) };
  });
}
