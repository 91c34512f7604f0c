import type Router from "@koa/router";
import { CustomerListQuery, FollowEdit, ReassignRequest } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { NotFound } from "../http/errors";
import { parseBody, parseQuery } from "../http/validate";
import { editFollow } from "./editFollow";
import { customerDetail, listCustomers } from "./queries";
import { reassignCustomer } from "./reassign";

/** Staff work their own customers; managers see everyone's. */
export function customerRoutes(router: Router, deps: AppDeps): void {
  const { allow, db } = deps;

  router.get("/api/customers", allow("staff", "manager"), async (ctx) => {
    ctx.body = await listCustomers(deps, ctx.state.user!, parseQuery(ctx, CustomerListQuery));
  });

  router.get("/api/customers/:id", allow("staff", "manager"), async (ctx) => {
    const detail = await customerDetail(db, ctx.state.user!, ctx.params.id);
    if (!detail) throw NotFound("Customer");
    ctx.body = detail;
  });

  router.patch("/api/customers/:id/follow", allow("staff", "manager"), async (ctx) => {
    const edit = parseBody(ctx, FollowEdit);
    const viewer = ctx.state.user!;
    const staffUserId = viewer.role === "manager" && edit.staffUserId ? edit.staffUserId : viewer.id;
    const detail = await editFollow(deps, ctx.params.id, staffUserId, edit);
    if (!detail) throw NotFound("Customer");
    ctx.body = { follow: detail };
  });

  router.post("/api/customers/:id/reassign", allow("manager"), async (ctx) => {
    ctx.body = await reassignCustomer(deps, ctx.params.id, parseBody(ctx, ReassignRequest), ctx.state.user!.id);
  });
}
