import type { Middleware } from "koa";
import type { Logger } from "pino";
import { answerError } from "./answerError";
import { logAccess } from "./accessLog";
import { assignRequestId } from "./requestId";

/**
 * The outermost middleware: gives the request its id, turns any thrown error into the error
 * answer, and writes the access line. One middleware rather than three, because each layer of
 * the chain costs on every request.
 */
export const requestScope = (logger: Logger, access: Logger): Middleware => async (ctx, next) => {
  const started = performance.now();
  assignRequestId(ctx);
  try {
    await next();
  } catch (err) {
    answerError(ctx, err, logger);
  }
  logAccess(access, ctx, started);
};
