import type { Middleware } from "koa";
import type { RouteAccess, SessionUser } from "@scrm/shared";
import type { Sessions } from "../auth/sessions";
import { Forbidden, Unauthorized } from "./errors";

/** A middleware that guards a route, tagged with the roles it lets through (the router test reads it). */
export type AccessGuard = Middleware & { readonly access: readonly RouteAccess[] };

declare module "koa" {
  interface DefaultState {
    requestId: string;
    user?: SessionUser;
  }
}

/** Builds `allow(...)`: every route starts with it, naming who may call it. */
export function accessControl(sessions: Sessions) {
  return function allow(...access: RouteAccess[]): AccessGuard {
    if (access.length === 0) throw new Error("a route must allow at least one role");
    // A public route passes straight through: no extra promise on the hottest paths (probes, callbacks).
    const signedIn: Middleware = async (ctx, next) => {
      const [scheme, token] = ctx.get("Authorization").split(" ");
      if (scheme !== "Bearer" || !token) throw Unauthorized();
      const user = await sessions.authenticate(token);
      if (!user) throw Unauthorized("Your session has expired; sign in again");
      if (!access.includes(user.role)) throw Forbidden();
      ctx.state.user = user;
      await next();
    };
    const guard: Middleware = access.includes("public") ? (_ctx, next) => next() : signedIn;
    return Object.assign(guard, { access });
  };
}
export type Allow = ReturnType<typeof accessControl>;
