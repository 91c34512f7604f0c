import type { LowQualityInviter, ReferralAudit, SuspiciousList, SuspiciousReferral } from "@scrm/shared";
import { In, IsNull, MoreThanOrEqual, Not } from "typeorm";
import type { AppDeps } from "../deps";
import { Conflict, NotFound } from "../http/errors";
import { customerNames } from "../customers/oneId";
import { staffProfiles } from "../wecom/directory/staffRecords";
import { Referral, ReferralAuditRow, ReferralScore, type ReferrerKind } from "./referral.entity";
import { auditEntry, flagsOf, LOW_QUALITY_MIN_REVOKED } from "./fraud";
import { countReferral, type Count } from "./counting";

type ReviewDeps = Pick<AppDeps, "db" | "clock" | "config" | "referrals">;

/** Rows the review page lists at most. */
const LIST_LIMIT = 200;

/** Display names of referrers and invitees, by kind. */
async function namesOf(deps: Pick<AppDeps, "db">, members: { kind: ReferrerKind; id: string }[]): Promise<(kind: ReferrerKind, id: string) => string> {
  const ids = (kind: ReferrerKind) => [...new Set(members.filter((m) => m.kind === kind).map((m) => m.id))];
  const staff = await staffProfiles(deps.db, ids("staff"));
  const customers = await customerNames(deps.db.manager, ids("customer"));
  return (kind, id) => (kind === "staff" ? staff.get(id)?.name : customers.get(id)) ?? "";
}

async function viewsOf(deps: Pick<AppDeps, "db">, referrals: Referral[]): Promise<SuspiciousReferral[]> {
  const name = await namesOf(deps, [
    ...referrals.map((r) => ({ kind: r.referrerKind, id: r.referrerId })),
    ...referrals.map((r) => ({ kind: "customer" as const, id: r.inviteeId })),
  ]);
  return referrals.map((r) => ({
    id: r.id,
    referrerKind: r.referrerKind,
    referrerId: r.referrerId,
    referrerName: name(r.referrerKind, r.referrerId),
    inviteeId: r.inviteeId,
    inviteeName: name("customer", r.inviteeId),
    state: r.state,
    flags: flagsOf(r.flags),
    ip: r.ip,
    device: r.device,
    recordedAt: r.recordedAt.toISOString(),
  }));
}

/**
 * What a manager reviews in a campaign: flagged referrals still counting or waiting (newest
 * first), and referrers whose invitees often leave before qualifying (read off the counters).
 */
export async function suspiciousOf(deps: ReviewDeps, campaignId: string): Promise<SuspiciousList> {
  const { db } = deps;
  await deps.referrals.policies.of(campaignId); // 404 for no such campaign
  const flagged = await db.manager.find(Referral, {
    where: { campaignId, flags: Not(IsNull()), state: In(["pending", "qualified"]) },
    order: { recordedAt: "DESC" },
    take: LIST_LIMIT,
  });
  const revoked = await db.manager.find(ReferralScore, {
    where: { campaignId, metric: "revoked", period: "all", score: MoreThanOrEqual(LOW_QUALITY_MIN_REVOKED) },
    order: { score: "DESC", memberId: "ASC" },
    take: LIST_LIMIT,
  });
  const qualified = revoked.length
    ? await db.manager.findBy(ReferralScore, { campaignId, metric: "qualified", period: "all", memberId: In(revoked.map((r) => r.memberId)) })
    : [];
  const qualifiedOf = (r: ReferralScore) => qualified.find((q) => q.board === r.board && q.memberId === r.memberId)?.score ?? 0;
  const low = revoked.filter((r) => qualifiedOf(r) <= r.score);
  const name = await namesOf(deps, low.map((r) => ({ kind: r.board, id: r.memberId })));
  const inviters: LowQualityInviter[] = low.map((r) => ({
    referrerKind: r.board,
    referrerId: r.memberId,
    name: name(r.board, r.memberId),
    qualified: qualifiedOf(r),
    revoked: r.score,
  }));
  return { referrals: await viewsOf(deps, flagged), inviters };
}

/**
 * A manager voids a referral (pending or qualified): it leaves the referrer's counters in every
 * period it counted in, with the reason in the audit trail, all in one transaction conditional on
 * the state it had. Rewards already granted stay granted.
 */
export async function voidReferral(deps: ReviewDeps, id: string, actor: string, reason: string): Promise<SuspiciousReferral> {
  const { db, clock } = deps;
  const referral = await db.manager.findOneBy(Referral, { id });
  if (!referral) throw NotFound("Referral");
  if (referral.state !== "pending" && referral.state !== "qualified") throw Conflict(`the referral is ${referral.state} already`);
  const department = await deps.referrals.departmentOf(referral.referrerKind, referral.referrerId);
  const counts: Count[] = [{ metric: "new", delta: -1, at: referral.recordedAt }];
  if (referral.state === "qualified") counts.push({ metric: "qualified", delta: -1, at: referral.settledAt! });
  const now = clock.now();
  const voided = await db.transaction(async (em) => {
    const result = await em.update(Referral, { id, state: referral.state }, { state: "voided", settledAt: now });
    if (result.affected !== 1) return false;
    await countReferral(em, deps, referral, department, counts);
    await em.insert(ReferralAuditRow, auditEntry(referral, "voided", actor, reason, now));
    return true;
  });
  if (!voided) throw Conflict("the referral changed meanwhile; look again");
  return (await viewsOf(deps, [{ ...referral, state: "voided", settledAt: now }]))[0];
}

/** A manager clears a flagged referral: it counts and may qualify again; the reason goes to the audit trail. */
export async function clearReferral(deps: ReviewDeps, id: string, actor: string, reason: string): Promise<SuspiciousReferral> {
  const { db, clock } = deps;
  const referral = await db.manager.findOneBy(Referral, { id });
  if (!referral) throw NotFound("Referral");
  if (!referral.flags) throw Conflict("the referral is not flagged");
  const now = clock.now();
  const cleared = await db.transaction(async (em) => {
    const result = await em.update(Referral, { id, flags: referral.flags! }, { flags: null });
    if (result.affected !== 1) return false;
    await em.insert(ReferralAuditRow, auditEntry(referral, "cleared", actor, reason, now));
    return true;
  });
  if (!cleared) throw Conflict("the referral changed meanwhile; look again");
  return (await viewsOf(deps, [{ ...referral, flags: null }]))[0];
}

export async function auditOf({ db }: Pick<AppDeps, "db">, referralId: string): Promise<ReferralAudit> {
  if (!(await db.manager.existsBy(Referral, { id: referralId }))) throw NotFound("Referral");
  const rows = await db.manager.find(ReferralAuditRow, { where: { referralId }, order: { at: "ASC", id: "ASC" } });
  return { referralId, entries: rows.map((r) => ({ action: r.action, actor: r.actor, reason: r.reason, at: r.at.toISOString() })) };
}
