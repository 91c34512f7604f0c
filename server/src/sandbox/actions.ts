import type Router from "@koa/router";
import type { z } from "zod";

/** An action the simulated world cannot perform (unknown member, used-up temporary way…): HTTP 400. */
export class ActionRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ActionRefused";
  }
}

/** Something the console, the H5 build or a test makes a simulator do: its body and what it runs. */
export interface Action<Sim, B extends z.ZodType = z.ZodType> {
  body: B;
  run(sim: Sim, input: z.infer<B>): unknown;
}

/** Builds actions for one simulator, typing `run`'s input from the body schema. */
export const actionsOf =
  <Sim>() =>
  <B extends z.ZodType>(body: B, run: Action<Sim, B>["run"]): Action<Sim, B> => ({ body, run });

/**
 * `POST <prefix>/_actions/<name>`: validates the body and runs the action. An unknown name is a
 * 404, a bad body or a refused action a 400 with the reason.
 */
export function mountActions<Sim>(router: Router, sim: Sim, actions: Record<string, Action<Sim>>): void {
  router.post("/_actions/:name", async (ctx) => {
    const action = Object.hasOwn(actions, ctx.params.name) ? actions[ctx.params.name] : undefined;
    if (!action) {
      ctx.status = 404;
      ctx.body = { error: `no action ${ctx.params.name}` };
      return;
    }
    const parsed = action.body.safeParse((ctx.request as { body?: unknown }).body ?? {});
    if (!parsed.success) {
      ctx.status = 400;
      ctx.body = { error: "invalid action body", issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
      return;
    }
    try {
      ctx.body = (await action.run(sim, parsed.data)) ?? {};
    } catch (err) {
      if (!(err instanceof ActionRefused)) throw err;
      ctx.status = 400;
      ctx.body = { error: err.message };
    }
  });
}
