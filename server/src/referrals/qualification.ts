import { IsNull, LessThanOrEqual, Not } from "typeorm";
import type { AppDeps } from "../deps";
import type { InboxEvent } from "../wecom/inbox/handlers";
import { DAY_MS } from "../platform/clock";
import { activeSince, customerOfRelation } from "../customers/follows";
import { recordsOf, survivorOf } from "../customers/oneId";
import { Referral } from "./referral.entity";
import { countReferral } from "./counting";
import { grantRewards } from "./fission";

type QualifyDeps = Pick<AppDeps, "db" | "clock" | "config" | "referrals">;

/** Referrals looked at per run of the periodic check. */
const BATCH = 500;

/** The invitee behind a relation event, on the record they live on now. */
async function inviteeOf(deps: QualifyDeps, e: InboxEvent): Promise<string | undefined> {
  const customerId = await customerOfRelation(deps.db, e.externalUserId, e.userId);
  return customerId && survivorOf(deps.db.manager, customerId);
}

/** add_external_contact (after capture recorded it): each of the invitee's referrals starts its campaign's qualification window. */
export async function inviteeAdded(deps: QualifyDeps, e: InboxEvent): Promise<void> {
  const invitee = await inviteeOf(deps, e);
  if (!invitee) return;
  const now = deps.clock.now();
  for (const referral of await deps.db.manager.findBy(Referral, { inviteeId: invitee, state: "pending", addedAt: IsNull() })) {
    const { qualifyDays } = await deps.referrals.policies.of(referral.campaignId);
    await deps.db.transaction((em) =>
      em.update(Referral, { id: referral.id, addedAt: IsNull() }, { addedAt: now, qualifyAt: new Date(now.getTime() + qualifyDays * DAY_MS) }),
    );
  }
}

/** del_follow_user: an invitee who no longer follows anyone before qualifying revokes their pending referrals. */
export async function inviteeLeft(deps: QualifyDeps, e: InboxEvent): Promise<void> {
  const invitee = await inviteeOf(deps, e);
  if (!invitee || (await activeSince(deps.db, await recordsOf(deps.db.manager, invitee)))) return;
  for (const referral of await deps.db.manager.findBy(Referral, { inviteeId: invitee, state: "pending", addedAt: Not(IsNull()) })) await revoke(deps, referral);
}

/**
 * A pending referral's invitee left before qualifying: revoked, out of the referrer's `new`
 * counters (in the periods it was counted in) and into their `revoked` ones (their quality), in
 * one transaction conditional on the state, so two instances never move the counters twice.
 */
async function revoke(deps: QualifyDeps, referral: Referral): Promise<boolean> {
  const now = deps.clock.now();
  const department = await deps.referrals.departmentOf(referral.referrerKind, referral.referrerId);
  return deps.db.transaction(async (em) => {
    const result = await em.update(Referral, { id: referral.id, state: "pending" }, { state: "revoked", settledAt: now });
    if (result.affected !== 1) return false;
    await countReferral(em, deps, referral, department, [
      { metric: "new", delta: -1, at: referral.recordedAt },
      { metric: "revoked", delta: 1, at: now },
    ]);
    return true;
  });
}

/** Qualifies a pending referral: the referrer's `qualified` counters move with the state. */
async function qualify(deps: QualifyDeps, referral: Referral): Promise<boolean> {
  const now = deps.clock.now();
  const department = await deps.referrals.departmentOf(referral.referrerKind, referral.referrerId);
  return deps.db.transaction(async (em) => {
    const result = await em.update(Referral, { id: referral.id, state: "pending", flags: IsNull() }, { state: "qualified", settledAt: now });
    if (result.affected !== 1) return false;
    await countReferral(em, deps, referral, department, [{ metric: "qualified", delta: 1, at: now }]);
    return true;
  });
}

/**
 * The periodic check: a pending referral whose qualification time has come qualifies if its
 * invitee has followed continuously for the campaign's days (as the campaign set them when they
 * added staff; re-added lately: the window runs again from then), and is revoked if they follow nobody. Flagged referrals wait for a manager. A
 * customer referrer then gets the reward tiers they reached.
 */
export async function qualifyDue(deps: AppDeps): Promise<{ qualified: number; revoked: number }> {
  const { db, clock } = deps;
  const now = clock.now();
  const due = await db.manager.find(Referral, { where: { state: "pending", qualifyAt: LessThanOrEqual(now), flags: IsNull() }, order: { qualifyAt: "ASC" }, take: BATCH });
  const counts = { qualified: 0, revoked: 0 };
  const rewarded = new Set<string>();
  for (const referral of due) {
    const since = await activeSince(db, await recordsOf(db.manager, referral.inviteeId));
    if (!since) {
      if (await revoke(deps, referral)) counts.revoked++;
      continue;
    }
    // The window the campaign gave when they added staff; re-added since: it runs again from then.
    const window = referral.qualifyAt!.getTime() - referral.addedAt!.getTime();
    if (since.getTime() + window > now.getTime()) {
      await db.transaction((em) => em.update(Referral, { id: referral.id, state: "pending" }, { addedAt: since, qualifyAt: new Date(since.getTime() + window) }));
      continue;
    }
    if (!(await qualify(deps, referral))) continue;
    counts.qualified++;
    if (referral.referrerKind === "customer") rewarded.add(`${referral.campaignId} ${referral.referrerId}`);
  }
  for (const key of rewarded) {
    const [campaignId, customerId] = key.split(" ");
    await grantRewards(deps, campaignId, customerId);
  }
  return counts;
}

