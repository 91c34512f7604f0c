import type Router from "@koa/router";
import type { AppDeps } from "../deps";
import { Campaign } from "../channels/campaign.entity";
import { NotFound, UpstreamError } from "../http/errors";
import { renderSharePoster } from "../posters";
import { INVITE_PAGE, referralCodeFor, referrerOf } from "./codes";

const POSTER_CAPTION = "长按识别小程序码，领取好友专属礼遇";

/** A referrer's poster: the campaign's line, their name and the mini-program code carrying their referral code. */
export function referralPosterRoutes(router: Router, deps: AppDeps): void {
  const { allow, db, miniapp } = deps;

  router.get("/api/campaigns/:id/my-referral/poster.png", allow("customer", "staff", "manager"), async (ctx) => {
    const user = ctx.state.user!;
    const { code } = await referralCodeFor(deps, ctx.params.id, ...referrerOf(user));
    const campaign = await db.manager.findOneBy(Campaign, { id: ctx.params.id });
    if (!campaign) throw NotFound("Campaign");
    const qrPng = await miniapp.wxaCodeUnlimited({ scene: code, page: INVITE_PAGE, checkPath: false }).catch((err: Error) => {
      throw UpstreamError(`the mini-program platform did not draw the code: ${err.message}`);
    });
    ctx.type = "image/png";
    ctx.set("Cache-Control", "private, max-age=3600");
    ctx.body = await renderSharePoster({ qrPng, name: user.name, headline: campaign.name, caption: POSTER_CAPTION });
  });

}
