import type Router from "@koa/router";
import { ScoringRules } from "@scrm/shared";
import type { AppDeps } from "../../deps";
import { NotFound } from "../../http/errors";
import { parseBody } from "../../http/validate";
import { CustomerFollow } from "../../customers/follow.entity";
import { presentScore } from "./model";
import { scoringRules, setScoringRules } from "./rules";
import { explainScore } from "./scores";

/** Managers set the scoring rules; staff read the scores of the customers who follow them. */
export function scoringRoutes(router: Router, deps: AppDeps): void {
  const { allow, db } = deps;

  router.get("/api/lead-scoring", allow("staff", "manager"), async (ctx) => {
    ctx.body = await scoringRules(deps);
  });

  router.put("/api/lead-scoring", allow("manager"), async (ctx) => {
    ctx.body = await setScoringRules(deps, parseBody(ctx, ScoringRules), ctx.state.user!.id);
  });

  // As the customer's record: staff who have a relation with them, or managers; others are told nothing exists.
  router.get("/api/customers/:id/score", allow("staff", "manager"), async (ctx) => {
    const viewer = ctx.state.user!;
    const customerId = ctx.params.id;
    if (viewer.role !== "manager" && !(await db.manager.existsBy(CustomerFollow, { customerId, staffUserId: viewer.id }))) throw NotFound("Customer");
    const explained = await explainScore(deps, customerId);
    if (!explained) throw NotFound("Customer");
    ctx.body = presentScore(customerId, explained);
  });
}
