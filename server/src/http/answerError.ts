import type { Context } from "koa";
import type { Logger } from "pino";
import type { ErrorCode } from "@scrm/shared";
import { AppError } from "./errors";

/** Errors from Koa's own middleware (body parser) carry http-errors' status and expose flag. */
interface HttpError extends Error {
  status?: number;
  statusCode?: number;
  expose?: boolean;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  415: "bad_request",
  422: "validation_failed",
  429: "rate_limited",
};

function answer(ctx: Context, status: number, code: ErrorCode, message: string, requestId: string, details?: unknown): void {
  ctx.status = status;
  ctx.body = { error: { code, message, requestId, ...(details !== undefined ? { details } : {}) } };
}

/** The one place a thrown error becomes an answer: `{"error":{"code","message","requestId"}}`. */
export function answerError(ctx: Context, err: unknown, logger: Logger): void {
  const requestId: string = ctx.state.requestId;
  const e = err as HttpError;
  const status = e instanceof AppError ? e.status : (e.status ?? e.statusCode ?? 500);
  if (e instanceof AppError) {
    answer(ctx, e.status, e.code, e.message, requestId, e.details);
    logger.info({ requestId, status, code: e.code, reason: e.message }, "request refused");
  } else if (status >= 400 && status < 500 && CODE_BY_STATUS[status]) {
    // From Koa's own middleware (e.g. the body parser): say what kind of problem, not its internals.
    const message = e instanceof SyntaxError ? "The request body is not valid JSON" : e.expose ? e.message : "Bad request";
    answer(ctx, status, CODE_BY_STATUS[status], message, requestId);
    logger.info({ requestId, status, reason: e.message }, "request refused");
  } else {
    answer(ctx, 500, "internal", "Something went wrong on our side", requestId);
    // Only name, message and stack: an error's other fields may carry request bodies or secrets.
    logger.error({ requestId, err: { type: e.name, message: e.message, stack: e.stack } }, "unhandled error");
  }
}
