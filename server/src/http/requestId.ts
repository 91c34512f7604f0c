import type { Middleware } from "koa";
import { randomUUID } from "node:crypto";

const ACCEPTABLE = /^[\w.:-]{1,128}$/;

/** Takes the caller's `X-Request-Id` when it is sane, otherwise makes one; echoes it back. */
export const requestId = (): Middleware => async (ctx, next) => {
  const given = ctx.get("X-Request-Id");
  ctx.state.requestId = ACCEPTABLE.test(given) ? given : randomUUID();
  ctx.set("X-Request-Id", ctx.state.requestId);
  await next();
};
