import type Router from "@koa/router";
import { ShareRequest } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { parseBody } from "../http/validate";
import { renderMaterialPoster } from "./sharePoster";
import { shareMaterial, sharedMaterial } from "./shares";

/** Staff share a material (a tracked token per version, staff member and channel); anyone with the token opens it. */
export function shareRoutes(router: Router, deps: AppDeps): void {
  const { allow } = deps;

  router.post("/api/materials/:id/shares", allow("staff", "manager"), async (ctx) => {
    const share = await shareMaterial(deps, ctx.params.id, ctx.state.user!, parseBody(ctx, ShareRequest));
    ctx.status = 201;
    ctx.body = share;
  });

  // Public: the viewer need not be logged in. A token always shows the version it was made from.
  router.get("/api/shares/:token", allow("public"), async (ctx) => {
    ctx.body = (await sharedMaterial(deps, ctx.params.token)).view;
  });

  router.get("/api/shares/:token/poster.png", allow("public"), async (ctx) => {
    const poster = await renderMaterialPoster(deps, ctx.params.token);
    ctx.type = "image/png";
    ctx.set("Cache-Control", "public, max-age=3600");
    ctx.body = poster;
  });
}
