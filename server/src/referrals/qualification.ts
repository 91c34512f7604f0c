import { IsNull, LessThanOrEqual, Not } from "typeorm";
import type { AppDeps } from "../deps";
import type { InboxEvent } from "../wecom/inbox/handlers";
import { DAY_MS } from "../platform/clock";
import { activeSince, customerOfRelation } from "../customers/follows";
import { recordsOf, survivorOf } from "../customers/oneId";
import { staffProfiles } from "../wecom/directory/staffRecords";
import { Referral } from "./referral.entity";
import { changeScore, periodsOf } from "./scores";
import { grantRewards } from "./fission";

type QualifyDeps = Pick<AppDeps, "db" | "clock" | "config" | "logger">;

/** Days an invitee must keep following before their referral counts. */
export const QUALIFY_DAYS = 7;

/** The invitee behind a relation event, on the record they live on now. */
async function inviteeOf(deps: QualifyDeps, e: InboxEvent): Promise<string | undefined> {
  const customerId = await customerOfRelation(deps.db, e.externalUserId, e.userId);
  return customerId && survivorOf(deps.db.manager, customerId);
}

/** add_external_contact (after capture recorded it): the invitee's qualification window starts. */
export async function inviteeAdded(deps: QualifyDeps, e: InboxEvent): Promise<void> {
  const invitee = await inviteeOf(deps, e);
  if (!invitee) return;
  await deps.db.transaction((em) => em.update(Referral, { inviteeId: invitee, state: "pending", addedAt: IsNull() }, { addedAt: deps.clock.now() }));
}

/** del_follow_user: an invitee who no longer follows anyone before qualifying revokes the referral. */
export async function inviteeLeft(deps: QualifyDeps, e: InboxEvent): Promise<void> {
  const invitee = await inviteeOf(deps, e);
  if (!invitee || (await activeSince(deps.db, await recordsOf(deps.db.manager, invitee)))) return;
  await deps.db.transaction((em) =>
    em.update(Referral, { inviteeId: invitee, state: "pending", addedAt: Not(IsNull()) }, { state: "revoked", settledAt: deps.clock.now() }),
  );
}

/**
 * The periodic check: a pending referral whose invitee added staff at least QUALIFY_DAYS ago
 * qualifies if they still follow continuously since then (the referrer's score moves in the same
 * transaction, conditional on the state, so two instances never count it twice), and is revoked if
 * they follow nobody. A customer referrer then gets the reward tiers they reached.
 */
export async function qualifyDue(deps: AppDeps): Promise<{ qualified: number; revoked: number }> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const cutoff = new Date(now.getTime() - QUALIFY_DAYS * DAY_MS);
  const due = await db.manager.find(Referral, { where: { state: "pending", addedAt: LessThanOrEqual(cutoff) }, order: { addedAt: "ASC" }, take: 500 });
  const staff = await staffProfiles(db, [...new Set(due.filter((r) => r.referrerKind === "staff").map((r) => r.referrerId))]);
  const counts = { qualified: 0, revoked: 0 };
  for (const referral of due) {
    const since = await activeSince(db, await recordsOf(db.manager, referral.inviteeId));
    if (since && since > cutoff) continue; // re-added lately: their window runs from then
    const state = since ? "qualified" : "revoked";
    const department = referral.referrerKind === "staff" ? (staff.get(referral.referrerId)?.mainDepartment ?? 0) : 0;
    const settled = await db.transaction(async (em) => {
      const result = await em.update(Referral, { id: referral.id, state: "pending" }, { state, settledAt: now });
      if (result.affected !== 1 || state !== "qualified") return result.affected === 1;
      const periods = periodsOf(now, config.timezone);
      await changeScore(em, db.kind, {
        campaignId: referral.campaignId,
        board: referral.referrerKind,
        memberId: referral.referrerId,
        departmentId: department,
        delta: 1,
        periods: [periods.all, periods.day, periods.week, periods.month],
      });
      return true;
    });
    if (!settled) continue;
    counts[state]++;
    if (state === "qualified" && referral.referrerKind === "customer") await grantRewards(deps, referral.campaignId, referral.referrerId);
  }
  return counts;
}
