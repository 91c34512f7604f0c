import type Router from "@koa/router";
import { POSTER_BACKGROUND_MAX_BYTES, POSTER_BACKGROUND_TYPES } from "@scrm/shared";
import { declaredTypeOf } from "../http/mediaTypes";
import type { AppDeps } from "../deps";
import { Campaign } from "../channels/campaign.entity";
import { NotFound, UpstreamError } from "../http/errors";
import { readRawBody } from "../http/rawBody";
import { renderSharePoster } from "../posters";
import { INVITE_PAGE, referralCodeFor, referrerOf } from "./codes";
import { deletePosterBackground, getPosterBackground, setPosterBackground, UnsupportedBackgroundType } from "./posterBackground";

/** The campaign line under the headline (the campaign's name). */
const POSTER_CAPTION = "长按识别小程序码，领取好友专属礼遇";

/**
 * A referrer's poster: the campaign's background, its name and line, the referrer's name and
 * picture, and the mini-program code carrying their referral code. Managers set the background.
 */
export function referralPosterRoutes(router: Router, deps: AppDeps): void {
  const { allow, db, miniapp, referrals } = deps;

  router.get("/api/campaigns/:id/my-referral/poster.png", allow("customer", "staff", "manager"), async (ctx) => {
    const user = ctx.state.user!;
    const { code } = await referralCodeFor(deps, ctx.params.id, ...referrerOf(user));
    const [campaign, background, avatar, qrPng] = await Promise.all([
      db.manager.findOneBy(Campaign, { id: ctx.params.id }),
      getPosterBackground(deps, ctx.params.id),
      referrals.avatars.photoOf(user),
      miniapp.wxaCodeUnlimited({ scene: code, page: INVITE_PAGE, checkPath: false }).catch((err: Error) => {
        throw UpstreamError(`the mini-program platform did not draw the code: ${err.message}`);
      }),
    ]);
    if (!campaign) throw NotFound("Campaign");
    ctx.type = "image/png";
    ctx.set("Cache-Control", "private, max-age=3600");
    ctx.body = await renderSharePoster({ qrPng, background: background?.image, name: user.name, avatar, headline: campaign.name, caption: POSTER_CAPTION });
  });

  router.put("/api/campaigns/:id/poster-background", allow("manager"), async (ctx) => {
    const declared = declaredTypeOf(ctx.get("Content-Type"), POSTER_BACKGROUND_TYPES);
    if (!declared) throw UnsupportedBackgroundType(ctx.get("Content-Type"));
    const image = await readRawBody(ctx, POSTER_BACKGROUND_MAX_BYTES / 1024, "poster background");
    ctx.body = await setPosterBackground(deps, ctx.params.id, declared, image);
  });

  router.get("/api/campaigns/:id/poster-background", allow("customer", "staff", "manager"), async (ctx) => {
    const background = await getPosterBackground(deps, ctx.params.id);
    if (!background) throw NotFound("Poster background");
    ctx.type = background.contentType;
    ctx.set("Last-Modified", background.updatedAt.toUTCString());
    ctx.set("Cache-Control", "private, no-cache");
    ctx.body = background.image;
  });

  router.delete("/api/campaigns/:id/poster-background", allow("manager"), async (ctx) => {
    if (!(await deletePosterBackground(deps, ctx.params.id))) throw NotFound("Poster background");
    ctx.status = 204;
  });
}
