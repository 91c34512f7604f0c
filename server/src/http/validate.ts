import type { ParameterizedContext } from "koa";
import type { z } from "zod";
import { ValidationFailed } from "./errors";

/** Parses the JSON body with a shared schema; a mismatch is a 422 naming each field. */
export function parseBody<S extends z.ZodType>(ctx: ParameterizedContext, schema: S): z.infer<S> {
  const result = schema.safeParse((ctx.request as { body?: unknown }).body ?? {});
  if (!result.success) {
    throw ValidationFailed(result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  }
  return result.data;
}
