import { z } from "zod";
import type { WecomSimulator } from "../simulator";
import { actionsOf, type Action } from "../../actions";

const action = actionsOf<WecomSimulator>();

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
  transfersTakeOver: action(z.object({}), (sim) => sim.transfersTakeOver()),
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

/** The simulator's actions, served by `mountActions`. */
export const WECOM_ACTIONS: Record<string, Action<WecomSimulator>> = ACTIONS;
