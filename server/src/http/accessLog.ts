import type { Middleware } from "koa";
import type { Logger } from "pino";

/** One structured line per request, with its request id and duration. */
export const accessLog = (logger: Logger): Middleware => async (ctx, next) => {
  const started = process.hrtime.bigint();
  try {
    await next();
  } finally {
    if (logger.isLevelEnabled("info")) {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ requestId: ctx.state.requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms }, "request");
    }
  }
};
