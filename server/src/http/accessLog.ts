import type { Context } from "koa";
import type { Logger } from "pino";

/** Load balancers and orchestrators poll these every few seconds: logged only when they fail. */
const PROBES = new Set(["/healthz", "/readyz"]);

/** One structured line per request, with its request id and duration. */
export function logAccess(logger: Logger, ctx: Context, startedMs: number): void {
  if (!logger.isLevelEnabled("info") || (PROBES.has(ctx.path) && ctx.status < 400)) return;
  const ms = performance.now() - startedMs;
  logger.info({ requestId: ctx.state.requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms }, "request");
}
