import type { ParameterizedContext } from "koa";
import type { z } from "zod";
import { ValidationFailed } from "./errors";

/** Parses the JSON body with a shared schema; a mismatch is a 422 naming each field. */
export const parseBody = <S extends z.ZodType>(ctx: ParameterizedContext, schema: S): z.infer<S> =>
  parse(schema, (ctx.request as { body?: unknown }).body ?? {});

/** Parses the query string with a shared schema (use z.coerce for numbers). */
export const parseQuery = <S extends z.ZodType>(ctx: ParameterizedContext, schema: S): z.infer<S> => parse(schema, ctx.query);

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw ValidationFailed(result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  }
  return result.data;
}
