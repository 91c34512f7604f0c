import getRawBody from "raw-body";
import type { ParameterizedContext } from "koa";
import { AppError, BadRequest } from "./errors";

/** A platform callback's body as sent (signatures are over these exact bytes), within `limitKb`. */
export async function readRawBody(ctx: ParameterizedContext, limitKb: number, what: string): Promise<Buffer> {
  try {
    return await getRawBody(ctx.req, { limit: limitKb * 1024, length: ctx.get("Content-Length") || undefined });
  } catch (err) {
    const e = err as { type?: string };
    if (e.type === "entity.too.large") throw new AppError(413, "payload_too_large", `The ${what} body is over ${limitKb} KB`);
    throw BadRequest(`the ${what} body could not be read`);
  }
}
