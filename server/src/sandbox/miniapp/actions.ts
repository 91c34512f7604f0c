import { z } from "zod";
import type { MiniappSimulator } from "./simulator";
import { actionsOf, type Action } from "../actions";
import { TEMPLATES_PER_REQUEST } from "./subscriptions";

const action = actionsOf<MiniappSimulator>();

const issueLoginCode = action(z.object({ openid: z.string().min(1).optional(), unionid: z.string().min(1).optional() }), (sim, input) =>
  sim.issueLoginCode(input),
);

/** Each action the console, the H5 build and tests can drive over HTTP (`POST /_actions/<name>`): its body and what it runs. */
const ACTIONS = {
  issueLoginCode,
  /** What the H5 build calls in sandbox instead of `wx.login`. */
  "login-code": issueLoginCode,
  /** What the H5 build calls in sandbox instead of `wx.requestSubscribeMessage`. */
  requestSubscribeMessage: action(
    z.object({
      openid: z.string().min(1),
      tmplIds: z.array(z.string().min(1)).min(1).max(TEMPLATES_PER_REQUEST),
      reject: z.array(z.string().min(1)).optional(),
    }),
    (sim, input) => sim.requestSubscribeMessage(input),
  ),
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

/** The simulator's actions, served by `mountActions`. */
export const MINIAPP_ACTIONS: Record<string, Action<MiniappSimulator>> = ACTIONS;
