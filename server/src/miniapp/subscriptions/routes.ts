import type Router from "@koa/router";
import { SubscriptionGrantRequest, type SubscriptionsResponse } from "@scrm/shared";
import type { AppDeps } from "../../deps";
import { parseBody } from "../../http/validate";
import { recordGrants, subscriptionsOf } from "./grants";

/** A customer's subscribe message grants: what the page asks for, and what the customer accepted. */
export function subscriptionRoutes(router: Router, deps: AppDeps): void {
  const { allow } = deps;

  router.get("/api/subscriptions", allow("customer"), async (ctx) => {
    ctx.body = (await subscriptionsOf(deps, ctx.state.user!.id)) satisfies SubscriptionsResponse;
  });

  router.post("/api/subscriptions", allow("customer"), async (ctx) => {
    const { accepted } = parseBody(ctx, SubscriptionGrantRequest);
    await recordGrants(deps, ctx.state.user!.id, accepted);
    ctx.body = (await subscriptionsOf(deps, ctx.state.user!.id)) satisfies SubscriptionsResponse;
  });
}
