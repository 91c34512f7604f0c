import type { Context } from "koa";
import { randomUUID } from "node:crypto";

const ACCEPTABLE = /^[\w.:-]{1,128}$/;

/** Takes the caller's `X-Request-Id` when it is sane, otherwise makes one; echoes it back. */
export function assignRequestId(ctx: Context): void {
  const given = ctx.get("X-Request-Id");
  ctx.state.requestId = ACCEPTABLE.test(given) ? given : randomUUID();
  ctx.set("X-Request-Id", ctx.state.requestId);
}
