import type Router from "@koa/router";
import { ClaimRequest, RedeemRequest, StockInput, type ClaimResponse } from "@scrm/shared";
import type { ParameterizedContext } from "koa";
import type { AppDeps } from "../deps";
import { BadRequest } from "../http/errors";
import { parseBody } from "../http/validate";
import { claimCoupon } from "./claims";
import { myCoupons, myRedeemCode } from "./mine";
import { presentCoupon } from "./presenters";
import { redeemInStore } from "./redemption";
import { createStock, listStocks, offersFor, setStockStatus, stockDetail } from "./stocks";

const IDEMPOTENCY_KEY = /^[\w.:-]{8,64}$/;

function idempotencyKey(ctx: ParameterizedContext): string {
  const key = ctx.get("Idempotency-Key");
  if (!IDEMPOTENCY_KEY.test(key)) throw BadRequest("An Idempotency-Key header of 8 to 64 letters, digits or -_.: is required");
  return key;
}

/** Stocks for managers; offers, claims and the in-store code for customers; redemption for staff. */
export function couponRoutes(router: Router, deps: AppDeps): void {
  const { allow } = deps;

  router.get("/api/campaigns/:id/stocks", allow("manager"), async (ctx) => {
    ctx.body = { stocks: await listStocks(deps, ctx.params.id) };
  });

  router.post("/api/coupon-stocks", allow("manager"), async (ctx) => {
    const stock = await createStock(deps, parseBody(ctx, StockInput), ctx.state.user!.id);
    ctx.status = 201;
    ctx.body = { stock };
  });

  router.get("/api/coupon-stocks/:id", allow("manager"), async (ctx) => {
    ctx.body = await stockDetail(deps, ctx.params.id);
  });

  router.post("/api/coupon-stocks/:id/pause", allow("manager"), async (ctx) => {
    ctx.body = { stock: await setStockStatus(deps, ctx.params.id, "paused") };
  });

  router.post("/api/coupon-stocks/:id/resume", allow("manager"), async (ctx) => {
    ctx.body = { stock: await setStockStatus(deps, ctx.params.id, "active") };
  });

  router.get("/api/landing/:state/offers", allow("public"), async (ctx) => {
    ctx.body = { offers: await offersFor(deps, ctx.params.state) };
  });

  router.post("/api/coupons/claim", allow("customer"), async (ctx) => {
    const key = idempotencyKey(ctx);
    const request = parseBody(ctx, ClaimRequest);
    const { claim, stock } = await claimCoupon(deps, { customerId: ctx.state.user!.id, idempotencyKey: key, ...request });
    ctx.status = 201;
    ctx.body = { coupon: presentCoupon(claim, stock, deps.clock.now()) } satisfies ClaimResponse;
  });

  router.get("/api/coupons/mine", allow("customer"), async (ctx) => {
    ctx.body = { coupons: await myCoupons(deps, ctx.state.user!.id) };
  });

  router.get("/api/coupons/mine/:id/code", allow("customer"), async (ctx) => {
    ctx.set("Cache-Control", "no-store");
    ctx.body = await myRedeemCode(deps, ctx.state.user!.id, ctx.params.id);
  });

  router.post("/api/coupons/redeem", allow("staff", "manager"), async (ctx) => {
    const { code, store } = parseBody(ctx, RedeemRequest);
    ctx.body = { redemption: await redeemInStore(deps, ctx.state.user!.id, code, store) };
  });
}
