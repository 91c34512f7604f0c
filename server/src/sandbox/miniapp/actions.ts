import { z } from "zod";
import type { MiniappSimulator } from "./simulator";

interface Action<S extends z.ZodType> {
  body: S;
  run(sim: MiniappSimulator, input: z.infer<S>): unknown;
}
const action = <S extends z.ZodType>(body: S, run: Action<S>["run"]): Action<S> => ({ body, run });

const issueLoginCode = action(z.object({ openid: z.string().min(1).optional(), unionid: z.string().min(1).optional() }), (sim, input) =>
  sim.issueLoginCode(input),
);

/** Each action the console, the H5 build and tests can drive over HTTP (`POST /_actions/<name>`): its body and what it runs. */
const ACTIONS = {
  issueLoginCode,
  /** What the H5 build calls in sandbox instead of `wx.login`. */
  "login-code": issueLoginCode,
  setOpenPlatformBound: action(z.object({ bound: z.boolean() }), (sim, input) => {
    sim.setOpenPlatformBound(input.bound);
    return { bound: input.bound };
  }),
  markRisky: action(z.object({ openid: z.string().min(1), risky: z.boolean().optional() }), (sim, input) => ({
    found: sim.markRisky(input.openid, input.risky ?? true),
  })),
  revokeToken: action(z.object({ token: z.string().min(1).optional(), stillServed: z.boolean().optional() }), (sim, input) => ({
    revoked: sim.revokeToken(input.token, { stillServed: input.stillServed }),
  })),
  expireToken: action(z.object({ token: z.string().min(1).optional() }), (sim, input) => ({ expired: sim.expireToken(input.token) })),
};

export type ActionName = keyof typeof ACTIONS;
export const isActionName = (name: string): name is ActionName => Object.hasOwn(ACTIONS, name);

export type ActionResult = { ok: true; result: unknown } | { ok: false; issues: { path: string; message: string }[] };

/** Validates the body and runs the action; an ActionRefused from it propagates to the route. */
export async function runAction(sim: MiniappSimulator, name: ActionName, body: unknown): Promise<ActionResult> {
  const { body: schema, run } = ACTIONS[name] as Action<z.ZodType>;
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
  return { ok: true, result: (await run(sim, parsed.data)) ?? {} };
}
