import { z } from "zod";
import type { WecomSimulator } from "../simulator";

interface Action<S extends z.ZodType> {
  body: S;
  run(sim: WecomSimulator, input: z.infer<S>): unknown;
}
const action = <S extends z.ZodType>(body: S, run: Action<S>["run"]): Action<S> => ({ body, run });

const userId = z.string().min(1);
const relation = z.object({ userId, externalUserId: z.string().min(1) });
const departments = z.array(z.number().int()).min(1);

/** Each action the console and tests can drive over HTTP (`POST /_actions/<name>`): its body and what it runs. */
const ACTIONS = {
  customerAddsStaff: action(
    z.object({
      userId: userId.optional(),
      configId: z.string().min(1).optional(),
      state: z.string().optional(),
      externalUserId: z.string().min(1).optional(),
      name: z.string().optional(),
      noWelcomeCode: z.boolean().optional(),
    }),
    (sim, input) => sim.customerAddsStaff(input),
  ),
  customerDeletesStaff: action(relation, (sim, input) => sim.customerDeletesStaff(input)),
  staffDeletesCustomer: action(relation.extend({ source: z.string().optional() }), (sim, input) => sim.staffDeletesCustomer(input)),
  staffJoins: action(
    z.object({
      userId,
      name: z.string().min(1),
      department: departments,
      mainDepartment: z.number().int().optional(),
      position: z.string().optional(),
      gender: z.enum(["0", "1", "2"]).optional(),
    }),
    (sim, input) => sim.staffJoins(input),
  ),
  staffLeaves: action(z.object({ userId }), (sim, input) => sim.staffLeaves(input)),
  staffUpdated: action(
    z.object({
      userId,
      name: z.string().optional(),
      department: departments.optional(),
      mainDepartment: z.number().int().optional(),
      position: z.string().optional(),
      status: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(5)]).optional(),
    }),
    (sim, input) => sim.staffUpdated(input),
  ),
  confirmGroupMessage: action(z.object({ msgid: z.string().min(1), userId: userId.optional() }), (sim, input) => ({
    sends: sim.confirmGroupMessage(input),
  })),
  issueLoginCode: action(z.object({ userId }), (sim, input) => ({ code: sim.issueLoginCode(input.userId) })),
  issueOAuthCode: action(z.object({ userId }), (sim, input) => ({ code: sim.issueOAuthCode(input.userId) })),
  revokeToken: action(z.object({ token: z.string().min(1) }), (sim, input) => ({ revoked: sim.revokeToken(input.token) })),
  revokeAllTokens: action(z.object({ kind: z.enum(["app", "contact", "directory"]).optional() }), (sim, input) => ({
    revoked: sim.revokeAllTokens(input.kind),
  })),
  injectApiFault: action(
    z.object({
      errcode: z.union([z.literal(-1), z.literal(45009), z.literal(45033)]),
      count: z.number().int().positive().optional(),
      path: z.string().optional(),
    }),
    (sim, input) => sim.injectApiFault(input),
  ),
  injectCallbackFaults: action(
    z.object({
      drop: z.number().int().min(0).optional(),
      duplicate: z.number().int().min(0).optional(),
      delay: z.object({ ms: z.number().int().min(0), count: z.number().int().positive().optional() }).optional(),
      reorder: z.number().int().min(0).optional(),
    }),
    (sim, input) => sim.injectCallbackFaults(input),
  ),
  clearFaults: action(z.object({}), (sim) => sim.clearFaults()),
};

export type ActionName = keyof typeof ACTIONS;
export const isActionName = (name: string): name is ActionName => Object.hasOwn(ACTIONS, name);

export type ActionResult = { ok: true; result: unknown } | { ok: false; issues: { path: string; message: string }[] };

/** Validates the body and runs the action; an ActionRefused from it propagates to the route. */
export async function runAction(sim: WecomSimulator, name: ActionName, body: unknown): Promise<ActionResult> {
  const { body: schema, run } = ACTIONS[name] as Action<z.ZodType>;
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
  return { ok: true, result: (await run(sim, parsed.data)) ?? {} };
}
