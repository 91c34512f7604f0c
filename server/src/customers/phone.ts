import type { AppDeps } from "../deps";
import type { PiiVault } from "../platform/pii";
import { Customer, CustomerIdentity } from "./customer.entity";
import { joinIdentities, withIdentityRetry } from "./oneId";
import { addTimeline } from "./timeline";

/** Mainland mobile numbers, with or without +86; undefined when it is not one. */
export function normalizePhone(input: string): string | undefined {
  const digits = input.replace(/[\s-]/g, "").replace(/^\+?86/, "");
  return /^1[3-9]\d{9}$/.test(digits) ? digits : undefined;
}

/**
 * A customer gives their phone number, with consent: stored encrypted, found by its keyed hash,
 * and any other record that already has it is the same person (OneID merge). Answers the record
 * the customer is now. The number never enters the timeline or the logs.
 */
export async function recordPhone(
  { db, clock, pii }: Pick<AppDeps, "db" | "clock" | "pii">,
  customerId: string,
  phone: string,
): Promise<string> {
  const now = clock.now();
  const phoneId = { kind: "phone" as const, value: pii.lookupHash(phone) };
  return withIdentityRetry(db, async (em) => {
    const own = await em.findBy(CustomerIdentity, { customerId });
    const { customerId: person, merged } = await joinIdentities(em, [...own.map(({ kind, value }) => ({ kind, value })), phoneId], {}, now);
    await em.update(Customer, { id: person }, { phoneCipher: pii.encrypt(phone), consentedAt: now });
    await addTimeline(em, person, "phone_added", now, { consent: true, mergedRecords: merged.length });
    return person;
  });
}
