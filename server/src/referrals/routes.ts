import type Router from "@koa/router";
import { FissionInput, LeaderboardQuery, OpenReferralRequest, type MyReferral, type OpenReferralResponse, type SessionUser } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { Campaign } from "../channels/campaign.entity";
import { NotFound, UpstreamError } from "../http/errors";
import { parseBody, parseQuery } from "../http/validate";
import { rankOf, topOf } from "./leaderboard";
import { getFission, progressOf, setFission } from "./fission";
import { renderSharePoster } from "../posters";
import { INVITE_PAGE, referralCodeFor, sharePathOf } from "./codes";
import { recordReferral } from "./record";
import type { ReferrerKind } from "./referral.entity";

const POSTER_CAPTION = "长按识别小程序码，领取好友专属礼遇";

const referrerOf = (user: SessionUser): [ReferrerKind, string] => [user.role === "customer" ? "customer" : "staff", user.id];

/** Referral codes and posters, invitees recorded when they open one, leaderboards and the reward ladder. */
export function referralRoutes(router: Router, deps: AppDeps): void {
  const { allow, db, miniapp } = deps;

  router.get("/api/campaigns/:id/my-referral", allow("customer", "staff", "manager"), async (ctx) => {
    const { code, campaignId } = await referralCodeFor(deps, ctx.params.id, ...referrerOf(ctx.state.user!));
    ctx.body = { campaignId, code, sharePath: sharePathOf(code) } satisfies MyReferral;
  });

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

  router.get("/api/campaigns/:id/leaderboard", allow("manager"), async (ctx) => {
    const { board, period, date, department, limit } = parseQuery(ctx, LeaderboardQuery);
    ctx.body = await topOf(deps, { campaignId: ctx.params.id, board, period, date, department: board === "staff" ? department : undefined }, limit);
  });

  router.get("/api/campaigns/:id/my-rank", allow("customer", "staff", "manager"), async (ctx) => {
    const { period, date } = parseQuery(ctx, LeaderboardQuery);
    const [board, memberId] = referrerOf(ctx.state.user!);
    ctx.body = await rankOf(deps, { campaignId: ctx.params.id, board, period, date }, memberId);
  });

  router.put("/api/campaigns/:id/fission", allow("manager"), async (ctx) => {
    ctx.body = await setFission(deps, ctx.params.id, parseBody(ctx, FissionInput));
  });

  router.get("/api/campaigns/:id/fission", allow("manager", "customer", "staff"), async (ctx) => {
    ctx.body = await getFission(deps, ctx.params.id);
  });

  router.get("/api/campaigns/:id/my-progress", allow("customer"), async (ctx) => {
    ctx.body = await progressOf(deps, ctx.params.id, ctx.state.user!.id);
  });

  router.post("/api/referrals/open", allow("customer"), async (ctx) => {
    const { code } = parseBody(ctx, OpenReferralRequest);
    const { outcome, campaignId, referral } = await recordReferral(deps, ctx.state.user!.id, code);
    ctx.body = { outcome, campaignId, depth: referral?.depth ?? null } satisfies OpenReferralResponse;
  });
}
