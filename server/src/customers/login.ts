import type { Attribution } from "@scrm/shared";
import type { AppDeps } from "../deps";
import type { IssuedSession } from "../auth/sessions";
import type { MiniappSession } from "../miniapp/client";
import { Customer } from "./customer.entity";
import { joinIdentities, withIdentityRetry } from "./oneId";
import { addTimeline } from "./timeline";

const DEFAULT_NAME = "微信用户";

/**
 * A mini-program login joins OneID by openid (and unionid when the mini-program is bound to an
 * open-platform account, which also joins the WeCom contact). session_key stays here: it is
 * neither stored nor sent to the client, since nothing we do needs the user's encrypted data yet.
 */
export async function loginCustomer(
  { db, clock, sessions }: Pick<AppDeps, "db" | "clock" | "sessions">,
  session: MiniappSession,
  attribution?: Attribution,
): Promise<{ issued: IssuedSession; newCustomer: boolean }> {
  const now = clock.now();
  const { customerId, created } = await withIdentityRetry(db, async (em) => {
    const joined = await joinIdentities(
      em,
      [{ kind: "miniapp_openid", value: session.openid }, ...(session.unionid ? [{ kind: "unionid" as const, value: session.unionid }] : [])],
      {},
      now,
      attribution,
    );
    await addTimeline(em, joined.customerId, "logged_in", now, {}, attribution);
    return joined;
  });
  const customer = await db.manager.findOneByOrFail(Customer, { id: customerId });
  const issued = await sessions.issue({ id: customerId, role: "customer", name: customer.name || DEFAULT_NAME });
  return { issued, newCustomer: created };
}
