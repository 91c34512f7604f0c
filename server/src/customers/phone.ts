import type { AppDeps } from "../deps";
import { Customer, CustomerIdentity } from "./customer.entity";
import { randomUUID } from "node:crypto";
import { withIdentityRetry } from "./oneId";
import { addTimeline } from "./timeline";

/** Mainland mobile numbers, with or without +86; undefined when it is not one. */
export function normalizePhone(input: string): string | undefined {
  const digits = input.replace(/[\s-]/g, "").replace(/^\+?86/, "");
  return /^1[3-9]\d{9}$/.test(digits) ? digits : undefined;
}

/**
 * A customer gives their phone number, with consent: stored encrypted on their own record, with
 * its keyed hash as an identity when no other record claims it. A typed number is not proof of
 * ownership, so it never merges records (a verified number from the platform may, later). The
 * number never enters the timeline or the logs.
 */
export async function recordPhone(
  { db, clock, pii }: Pick<AppDeps, "db" | "clock" | "pii">,
  customerId: string,
  phone: string,
): Promise<string> {
  const now = clock.now();
  const phoneId = { kind: "phone" as const, value: pii.lookupHash(phone) };
  return withIdentityRetry(db, async (em) => {
    const holder = await em.findOneBy(CustomerIdentity, phoneId);
    if (!holder) await em.insert(CustomerIdentity, { id: randomUUID(), customerId, ...phoneId, createdAt: now });
    await em.update(Customer, { id: customerId }, { phoneCipher: pii.encrypt(phone), consentedAt: now });
    await addTimeline(em, customerId, "phone_added", now, { consent: true, sharedWithAnotherRecord: Boolean(holder && holder.customerId !== customerId) });
    return customerId;
  });
}
