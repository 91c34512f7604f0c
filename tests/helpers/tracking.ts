import { randomUUID } from "node:crypto";
import request from "supertest";
import type { MaterialEventInput } from "@scrm/shared";
import type { TestApp } from "./app";
import { bearerOf } from "./coupons";
import { Customer } from "../../server/src/customers/customer.entity";

/** What WeChat's mini-program sends as its User-Agent on a phone. */
export const WECHAT_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44(0x18002c2f) NetType/WIFI Language/zh_CN miniProgram";

/** A mini-program install's id. */
export const newDevice = () => `dev-${randomUUID()}`;

/** A customer record with a name, and a session for it. */
export async function namedCustomer(app: TestApp, name: string): Promise<{ customerId: string; token: string }> {
  const customerId = randomUUID();
  await app.deps.db.transaction((em) =>
    em.insert(Customer, { id: customerId, name, avatar: "", gender: 0, phoneCipher: null, consentedAt: null, firstTouch: null, mergedInto: null, createdAt: app.deps.clock.now() }),
  );
  const { token } = await app.deps.sessions.issue({ id: customerId, role: "customer", name });
  return { customerId, token };
}

/** `POST /api/shares/:token/events` from a phone (WeChat's User-Agent unless `ua` says otherwise), signed in when `session` is given. */
export function sendEvent(app: TestApp, shareToken: string, body: MaterialEventInput, options: { session?: string; ua?: string | null } = {}) {
  const req = request(app.url).post(`/api/shares/${shareToken}/events`);
  if (options.ua !== null) req.set("User-Agent", options.ua ?? WECHAT_UA);
  if (options.session) req.set(bearerOf(options.session));
  return req.send(body);
}
