import type Router from "@koa/router";
import type { StatusResponse } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { NotReady } from "../http/errors";

const VERSION = "0.1.0";

/** Liveness, readiness and the public service status the mini-program's home page shows. */
export function statusRoutes(router: Router, { db, clock, calendar, config, allow }: AppDeps): void {
  router.get("/healthz", allow("public"), (ctx) => {
    ctx.body = { status: "ok" };
  });

  router.get("/readyz", allow("public"), async (ctx) => {
    try {
      await db.ping();
    } catch {
      throw NotReady("The database is not reachable");
    }
    if (!(await db.migrationsApplied())) throw NotReady("Migrations are pending");
    ctx.body = { status: "ready" };
  });

  router.get("/api/status", allow("public"), (ctx) => {
    const now = clock.now();
    const body: StatusResponse = {
      name: "SCRM",
      version: VERSION,
      sandbox: config.sandbox,
      timezone: config.timezone,
      businessTime: now.toISOString(),
      workingTime: calendar.isWorkingTime(now),
    };
    ctx.body = body;
  });
}
