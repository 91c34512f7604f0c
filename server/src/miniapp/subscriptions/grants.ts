import { randomUUID } from "node:crypto";
import { In } from "typeorm";
import type { SubscriptionsResponse } from "@scrm/shared";
import type { AppDeps } from "../../deps";
import { affectedRows, type Database } from "../../db/database";
import { ValidationFailed } from "../../http/errors";
import { recordsOf, survivorOf } from "../../customers/oneId";
import { SubscribeSend, SubscriptionGrant, type RecordedOutcome } from "./grant.entity";

type GrantDeps = Pick<AppDeps, "db" | "clock" | "config">;

/** Open grants looked at per round when taking one; a round finds them all taken only under contention. */
const CANDIDATES = 5;

/** Every configured template with the id the page asks for and the customer's unspent grants of it. */
export async function subscriptionsOf({ db, config }: Pick<AppDeps, "db" | "config">, customerId: string): Promise<SubscriptionsResponse> {
  // Grants given under a record since merged into this customer are theirs too.
  const customers = await recordsOf(db.manager, await survivorOf(db.manager, customerId));
  const counts: { key: string; remaining: string | number }[] = await db.manager
    .createQueryBuilder(SubscriptionGrant, "g")
    .select("g.templateKey", "key")
    .addSelect("COUNT(*)", "remaining")
    .where({ customerId: In(customers), state: "available" })
    .groupBy("g.templateKey")
    .getRawMany();
  const remaining = new Map(counts.map((c) => [c.key, Number(c.remaining)]));
  return {
    templates: Object.entries(config.miniapp.subscribeTemplates).map(([key, templateId]) => ({ key, templateId, remaining: remaining.get(key) ?? 0 })),
  };
}

/** The templates a customer accepted, one grant each; an unknown key refuses them all (422). */
export async function recordGrants({ db, clock, config }: GrantDeps, customerId: string, accepted: string[]): Promise<void> {
  const templates = config.miniapp.subscribeTemplates;
  const unknown = accepted.flatMap((key, i) => (Object.hasOwn(templates, key) ? [] : [{ path: `accepted.${i}`, message: `no subscribe template ${key}` }]));
  if (unknown.length > 0) throw ValidationFailed(unknown);
  if (accepted.length === 0) return;
  const grantedAt = clock.now();
  await db.transaction(async (em) => {
    const holder = await survivorOf(em, customerId);
    await em.insert(
      SubscriptionGrant,
      accepted.map((key) => ({ id: randomUUID(), customerId: holder, templateKey: key, templateId: templates[key], state: "available" as const, grantedAt, takenAt: null })),
    );
  });
}

/**
 * Takes the oldest unspent grant of a template for one send: a conditional update, so two sends
 * (from any instances) never take the same grant. None left is `undefined`.
 */
export async function takeGrant(db: Database, customers: string[], templateKey: string): Promise<SubscriptionGrant | undefined> {
  for (;;) {
    const open = await db.manager.find(SubscriptionGrant, {
      where: { customerId: In(customers), templateKey, state: "available" },
      order: { grantedAt: "ASC", id: "ASC" },
      take: CANDIDATES,
    });
    if (open.length === 0) return undefined;
    for (const grant of open) {
      const taken = await db.transaction((em) =>
        affectedRows(em, "UPDATE miniapp_subscription_grants SET state = 'sending', taken_at = ? WHERE id = ? AND state = 'available'", [Date.now(), grant.id]),
      );
      if (taken === 1) return grant;
    }
  }
}

export interface SendRecord {
  outcome: RecordedOutcome;
  errcode?: number;
  errmsg?: string;
}

/** Ends a send: records its result, and spends the grant, or gives it back when the message surely did not go. */
export async function settleGrant(db: Database, grant: SubscriptionGrant, page: string | undefined, record: SendRecord, at: Date): Promise<void> {
  await db.transaction(async (em) => {
    const state = record.outcome === "failed" ? "available" : "spent";
    await affectedRows(em, "UPDATE miniapp_subscription_grants SET state = ? WHERE id = ? AND state = 'sending'", [state, grant.id]);
    await em.insert(SubscribeSend, {
      id: randomUUID(),
      grantId: grant.id,
      customerId: grant.customerId,
      templateKey: grant.templateKey,
      page: page ?? null,
      outcome: record.outcome,
      errcode: record.errcode ?? null,
      errmsg: record.errmsg?.slice(0, 255) ?? null,
      at,
    });
  });
}
