import type { ReferralFlag, ReferralOutcome, ReferralPolicyView } from "@scrm/shared";
import type { Database } from "../db/database";
import { newId } from "../platform/ids";
import { Referral, ReferralScore } from "./referral.entity";
import type { Opening, Parent, RecordingFacts } from "./recordingFacts";

/** Chains longer than this are not followed when looking for a cycle (a chain is built one invite at a time). */
const MAX_CHAIN = 50;

/** An opening with what its referrer's campaign and department say (read from the instance's caches). */
export interface Submission extends Opening {
  policy: ReferralPolicyView;
  /** The referrer's department for their staff-board counters (Referrals.departmentOf). */
  department: number;
}

/** A screened opening: refused with its reason, or a referral to store with its burst flags. */
export type Screened = { outcome: Exclude<ReferralOutcome, "recorded"> } | { outcome: "recorded"; referral: Referral; flags: ReferralFlag[] };

/** Counts within one batch, so openings screened together count against each other's limits. */
class Tally {
  private readonly counts = new Map<string, number>();
  of = (key: string) => this.counts.get(key) ?? 0;
  add = (key: string) => this.counts.set(key, this.of(key) + 1);
}

/**
 * Decides each opening of a batch, in order: recorded once per campaign and invitee (the first
 * opening wins), never for the referrer themselves or anyone up their own chain, nor for someone
 * already ours; not past the referrer's hourly limit or a customer's cap; a burst from one IP
 * address or device is flagged. Openings earlier in the batch count for the invitee, the limits
 * and the bursts; chains (parent, depth, cycles) are read from stored referrals only, so a link
 * made in the same batch is not seen, as with scans on two instances at the same moment.
 */
export async function screen(db: Database, submissions: Submission[], facts: RecordingFacts[], now: Date): Promise<Screened[]> {
  const referred = new Set<string>();
  const tally = new Tally();
  const screened: Screened[] = [];
  for (const [i, s] of submissions.entries()) {
    const f = facts[i];
    const { campaignId, referrerKind, referrerId } = s.code;
    const { policy } = s;
    const inviteeKey = `${campaignId} ${f.inviteeId}`;
    const referrerKey = `referrer ${campaignId} ${referrerKind} ${referrerId}`;
    const ipKey = `ip ${campaignId} ${s.origin.ip}`;
    const deviceKey = `device ${campaignId} ${s.origin.device}`;
    const refuse = (outcome: Exclude<ReferralOutcome, "recorded">) => screened.push({ outcome });
    if (f.referred || referred.has(inviteeKey)) refuse("already_referred");
    else if (referrerKind === "customer" && (referrerId === f.inviteeId || (f.inviteeRefers && (await chainIncludes(db, f.parent, f.inviteeId))))) refuse("self_referral");
    else if (f.followed) refuse("existing_customer");
    else if (f.lastHour + tally.of(referrerKey) >= policy.inviterHourlyLimit) refuse("rate_limited");
    else if (referrerKind === "customer" && policy.inviteCap !== null && (await newInvitesOf(db, s.code)) + tally.of(referrerKey) >= policy.inviteCap) refuse("cap_reached");
    else {
      const flags: ReferralFlag[] = [];
      if (s.origin.ip && f.fromIp + tally.of(ipKey) + 1 >= policy.burstLimit) flags.push("ip_burst");
      if (s.origin.device && f.fromDevice + tally.of(deviceKey) + 1 >= policy.burstLimit) flags.push("device_burst");
      referred.add(inviteeKey);
      for (const key of [referrerKey, ipKey, deviceKey]) tally.add(key);
      screened.push({ outcome: "recorded", flags, referral: newReferral(s, f, now, flags) });
    }
  }
  return screened;
}

function newReferral(s: Submission, f: RecordingFacts, now: Date, flags: ReferralFlag[]): Referral {
  return {
    id: newId(),
    campaignId: s.code.campaignId,
    code: s.code.code,
    referrerKind: s.code.referrerKind,
    referrerId: s.code.referrerId,
    inviteeId: f.inviteeId,
    parentId: f.parent?.id ?? null,
    depth: (f.parent?.depth ?? 0) + 1,
    state: "pending",
    recordedAt: now,
    addedAt: null,
    qualifyAt: null,
    settledAt: null,
    ip: s.origin.ip,
    device: s.origin.device,
    flags: flags.length > 0 ? flags.join(",") : null,
  };
}

/** A customer referrer's invitees in the campaign, not revoked or voided: their all-time `new` counter. */
async function newInvitesOf(db: Database, r: Pick<Referral, "campaignId" | "referrerKind" | "referrerId">): Promise<number> {
  const score = await db.manager.findOneBy(ReferralScore, { campaignId: r.campaignId, board: r.referrerKind, metric: "new", period: "all", memberId: r.referrerId });
  return score?.score ?? 0;
}

/** Whether `customerId` brought the referrer in, directly or further up (A → B → A is no referral). */
async function chainIncludes(db: Database, from: Parent | null, customerId: string): Promise<boolean> {
  let link = from;
  for (let hops = 0; link && hops < MAX_CHAIN; hops++) {
    if (link.referrerKind === "customer" && link.referrerId === customerId) return true;
    link = link.parentId ? await db.manager.findOneBy(Referral, { id: link.parentId }) : null;
  }
  return false;
}
