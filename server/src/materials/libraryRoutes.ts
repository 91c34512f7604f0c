import type Router from "@koa/router";
import { MATERIAL_ASSET_MAX_BYTES, MATERIAL_ASSET_TYPES, MaterialInput, MaterialQuery } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { NotFound } from "../http/errors";
import { readRawBody } from "../http/rawBody";
import { declaredTypeOf } from "../http/mediaTypes";
import { parseBody, parseQuery } from "../http/validate";
import { getAsset, storeAsset, UnsupportedAssetType } from "./assets";
import { createMaterial, getMaterial, listMaterials, materialVersions, updateMaterial, type LibraryReader } from "./library";

/** Staff read the library; managers write it (every edit a new version) and upload its pictures and files. */
export function libraryRoutes(router: Router, deps: AppDeps): void {
  const { allow } = deps;
  const readerOf = (role: string): LibraryReader => (role === "manager" ? "manager" : "staff");

  router.post("/api/material-assets", allow("manager"), async (ctx) => {
    const declared = declaredTypeOf(ctx.get("Content-Type"), MATERIAL_ASSET_TYPES);
    if (!declared) throw UnsupportedAssetType(ctx.get("Content-Type"));
    const bytes = await readRawBody(ctx, MATERIAL_ASSET_MAX_BYTES / 1024, "material asset");
    ctx.status = 201;
    ctx.body = await storeAsset(deps, declared, bytes, ctx.state.user!.id);
  });

  // Public: a material's pictures reach viewers who are not logged in. An asset never changes.
  router.get("/api/material-assets/:id", allow("public"), async (ctx) => {
    const asset = await getAsset(deps, ctx.params.id);
    if (!asset) throw NotFound("Asset");
    ctx.status = 200;
    ctx.etag = asset.sha256;
    ctx.set("Cache-Control", "public, max-age=31536000, immutable");
    ctx.set("X-Content-Type-Options", "nosniff");
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.type = asset.contentType;
    ctx.body = asset.data;
  });

  router.get("/api/materials", allow("staff", "manager"), async (ctx) => {
    ctx.body = { materials: await listMaterials(deps, parseQuery(ctx, MaterialQuery), readerOf(ctx.state.user!.role)) };
  });

  router.post("/api/materials", allow("manager"), async (ctx) => {
    const material = await createMaterial(deps, parseBody(ctx, MaterialInput), ctx.state.user!.id);
    ctx.status = 201;
    ctx.body = { material };
  });

  router.get("/api/materials/:id", allow("staff", "manager"), async (ctx) => {
    ctx.body = await getMaterial(deps, ctx.params.id, readerOf(ctx.state.user!.role));
  });

  router.put("/api/materials/:id", allow("manager"), async (ctx) => {
    ctx.body = { material: await updateMaterial(deps, ctx.params.id, parseBody(ctx, MaterialInput), ctx.state.user!.id) };
  });

  router.get("/api/materials/:id/versions", allow("staff", "manager"), async (ctx) => {
    ctx.body = { versions: await materialVersions(deps, ctx.params.id, readerOf(ctx.state.user!.role)) };
  });
}
