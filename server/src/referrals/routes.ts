import type Router from "@koa/router";
import type { Context } from "koa";
import { FissionInput, LeaderboardQuery, OpenReferralRequest, ReferralPolicyInput, ReviewReferralRequest, type MyReferral, type OpenReferralResponse } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { parseBody, parseQuery } from "../http/validate";
import { rankOf, topOf } from "./leaderboard";
import { getFission, progressOf, setFission } from "./fission";
import { referralCodeFor, referrerOf, sharePathOf } from "./codes";
import { referralPosterRoutes } from "./posterRoutes";
import { recordReferral } from "./record";
import { auditOf, clearReferral, suspiciousOf, voidReferral } from "./review";

/** Referral codes and posters, invitees recorded when they open one, leaderboards and the reward ladder. */
export function referralRoutes(router: Router, deps: AppDeps): void {
  const { allow } = deps;

  router.get("/api/campaigns/:id/my-referral", allow("customer", "staff", "manager"), async (ctx) => {
    const { code, campaignId } = await referralCodeFor(deps, ctx.params.id, ...referrerOf(ctx.state.user!));
    ctx.body = { campaignId, code, sharePath: sharePathOf(code) } satisfies MyReferral;
  });
  referralPosterRoutes(router, deps);

  router.get("/api/campaigns/:id/leaderboard", allow("manager"), async (ctx) => {
    const { board, period, metric, date, department, limit } = parseQuery(ctx, LeaderboardQuery);
    ctx.body = await topOf(deps, { campaignId: ctx.params.id, board, period, metric, date, department: board === "staff" ? department : undefined }, limit);
  });

  router.get("/api/campaigns/:id/my-rank", allow("customer", "staff", "manager"), async (ctx) => {
    const { period, metric, date } = parseQuery(ctx, LeaderboardQuery);
    const [board, memberId] = referrerOf(ctx.state.user!);
    ctx.body = await rankOf(deps, { campaignId: ctx.params.id, board, period, metric, date }, memberId);
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
    const { outcome, campaignId, referral } = await recordReferral(deps, ctx.state.user!.id, code, { ip: ctx.ip ? ctx.ip.toLowerCase() : null, device: deviceOf(ctx) });
    ctx.body = { outcome, campaignId, depth: referral?.depth ?? null } satisfies OpenReferralResponse;
  });

  router.get("/api/campaigns/:id/referral-policy", allow("manager"), async (ctx) => {
    ctx.body = await deps.referrals.policies.of(ctx.params.id);
  });

  router.put("/api/campaigns/:id/referral-policy", allow("manager"), async (ctx) => {
    ctx.body = await deps.referrals.policies.set(ctx.params.id, parseBody(ctx, ReferralPolicyInput));
  });

  router.get("/api/campaigns/:id/suspicious", allow("manager"), async (ctx) => {
    ctx.body = await suspiciousOf(deps, ctx.params.id);
  });

  router.post("/api/referrals/:id/void", allow("manager"), async (ctx) => {
    ctx.body = await voidReferral(deps, ctx.params.id, ctx.state.user!.id, parseBody(ctx, ReviewReferralRequest).reason);
  });

  router.post("/api/referrals/:id/clear", allow("manager"), async (ctx) => {
    ctx.body = await clearReferral(deps, ctx.params.id, ctx.state.user!.id, parseBody(ctx, ReviewReferralRequest).reason);
  });

  router.get("/api/referrals/:id/audit", allow("manager"), async (ctx) => {
    ctx.body = await auditOf(deps, ctx.params.id);
  });
}

/**
 * The mini-program install's id (`X-Device-Id`, made once per install), in lower case (MySQL
 * compares it without case, so a burst counted from its rows must not split on case); anything
 * else is ignored.
 */
function deviceOf(ctx: Context): string | null {
  const device = ctx.get("X-Device-Id");
  return /^[\w-]{8,64}$/.test(device) ? device.toLowerCase() : null;
}
