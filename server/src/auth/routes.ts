import type Router from "@koa/router";
import { SandboxLoginRequest, type MeResponse } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { parseBody } from "../http/validate";
import { presentSession } from "./sessions";
import { NotFound } from "../http/errors";
import { findStaff } from "../wecom/directory/staffRecords";
import { DEMO } from "../sandbox/wecom/demoCorp";

const DEMO_NAMES = { customer: "演示客户", staff: "演示员工", manager: "演示经理" } as const;

export function authRoutes(router: Router, { allow, sessions, config, db }: AppDeps): void {
  router.get("/api/me", allow("customer", "staff", "manager"), (ctx) => {
    const body: MeResponse = { user: ctx.state.user! };
    ctx.body = body;
  });

  // Sandbox only: sign in as a demo user of any role, so the H5 build works without WeChat.
  // With SANDBOX=0 the route is never registered.
  if (config.sandbox) {
    router.post("/api/sandbox/login", allow("public"), async (ctx) => {
      const { role, name, userId } = parseBody(ctx, SandboxLoginRequest);
      // Staff and managers act as a member of the demo corp, so their pages show real data.
      const member = role === "customer" ? null : await findStaff(db, userId ?? (role === "manager" ? DEMO.manager : DEMO.staff[1]));
      if (userId && !member) throw NotFound("Demo staff member");
      const id = member?.userid ?? `demo-${role}`;
      const issued = await sessions.issue({ id, role, name: name ?? member?.name ?? DEMO_NAMES[role] });
      ctx.status = 201;
      ctx.body = presentSession(issued);
    });
  }
}
