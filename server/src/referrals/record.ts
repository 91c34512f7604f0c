import type { ReferralFlag, ReferralOutcome } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { NotFound } from "../http/errors";
import { newId } from "../platform/ids";
import { survivorOf } from "../customers/oneId";
import { Referral, ReferralScore, type ReferralCode, type ReferrerKind } from "./referral.entity";
import { BURST_WINDOW_MS } from "./fraud";
import { HOUR_MS } from "../platform/clock";

type RecordDeps = Pick<AppDeps, "db" | "clock" | "config" | "referrals">;

/** Where the invitee opened the code from (anti-fraud): the client address and the mini-program install's id. */
export interface Origin {
  ip: string | null;
  device: string | null;
}

/** Chains longer than this are not followed when looking for a cycle (a chain is built one invite at a time). */
const MAX_CHAIN = 50;

export interface Recorded {
  outcome: ReferralOutcome;
  campaignId: string;
  referral?: Referral;
}

/**
 * A customer opened the mini-program through a referral code. Recorded once per campaign and
 * invitee (a unique key: the first touch wins, also when two opens race); never for the
 * referrer themselves or anyone up their own chain, nor for someone already ours; not past the
 * referrer's hourly limit or a customer's cap. A customer referrer's own referral becomes the
 * parent, so chains keep their depth. The referral, its timeline entry and the referrer's `new`
 * counters are written in one transaction (a group commit shared with concurrent recordings);
 * a burst from one IP address or device is flagged for review.
 */
export async function recordReferral(deps: RecordDeps, customerId: string, code: string, origin: Origin): Promise<Recorded> {
  const { db, clock, referrals } = deps;
  const referralCode = await referrals.code(code);
  if (!referralCode) throw NotFound("Referral code");
  const { campaignId, referrerKind, referrerId } = referralCode;
  const answer = (outcome: ReferralOutcome, referral?: Referral): Recorded => ({ outcome, campaignId, referral });
  const now = clock.now();
  const policy = await referrals.policies.of(campaignId);

  let facts = await factsOf(db, referralCode, customerId, origin, now);
  if (facts.mergedInto) facts = await factsOf(db, referralCode, await survivorOf(db.manager, facts.mergedInto), origin, now);
  const { inviteeId, parent } = facts;
  if (facts.referred) return answer("already_referred");
  if (referrerKind === "customer" && (referrerId === inviteeId || (facts.inviteeRefers && (await chainIncludes(db, parent, inviteeId))))) return answer("self_referral");
  if (facts.followed) return answer("existing_customer");
  if (facts.lastHour >= policy.inviterHourlyLimit) return answer("rate_limited");
  if (referrerKind === "customer" && policy.inviteCap !== null && (await newInvitesOf(db, referralCode)) >= policy.inviteCap) return answer("cap_reached");

  const flags: ReferralFlag[] = [];
  if (origin.ip && facts.fromIp + 1 >= policy.burstLimit) flags.push("ip_burst");
  if (origin.device && facts.fromDevice + 1 >= policy.burstLimit) flags.push("device_burst");
  const referral: Referral = {
    id: newId(),
    campaignId,
    code,
    referrerKind,
    referrerId,
    inviteeId,
    parentId: parent?.id ?? null,
    depth: (parent?.depth ?? 0) + 1,
    state: "pending",
    recordedAt: now,
    addedAt: null,
    qualifyAt: null,
    settledAt: null,
    ip: origin.ip,
    device: origin.device,
    flags: flags.length > 0 ? flags.join(",") : null,
  };
  const department = await referrals.departmentOf(referrerKind, referrerId);
  if (!(await referrals.recordings.write({ referral, flags, department }))) return answer("already_referred");
  return answer("recorded", referral);
}

interface RecordingFacts {
  inviteeId: string;
  /** A customer referrer's own referral in the campaign (null for staff, and for a chain's first customer). */
  parent: Pick<Referral, "id" | "depth" | "parentId" | "referrerKind" | "referrerId"> | null;
  /** The invitee has a referral code of their own in the campaign: they might be up the referrer's chain. */
  inviteeRefers: boolean;
  /** The invitee's record was merged into this one (OneID): ask again about the survivor. */
  mergedInto: string | null;
  referred: boolean;
  followed: boolean;
  /** The referrer's invitees in the last hour (their rate limit). */
  lastHour: number;
  /** Invitees from the same IP address and device within the burst window. */
  fromIp: number;
  fromDevice: number;
}

type Flag = number | string;
interface FactsRow {
  merged_into: string | null;
  referred: Flag;
  followed: Flag;
  invitee_refers: Flag;
  last_hour: Flag;
  from_ip: Flag;
  from_device: Flag;
  parent_id: string | null;
  parent_depth: Flag | null;
  parent_parent_id: string | null;
  parent_referrer_kind: ReferrerKind | null;
  parent_referrer_id: string | null;
}

/**
 * Everything recording checks, in one round trip (this is the path every scan takes): whether the
 * invitee is referred already or was ever ours, a customer referrer's own referral (the parent),
 * and the counts the rate limit and burst rules use.
 */
async function factsOf(db: RecordDeps["db"], code: ReferralCode, inviteeId: string, origin: Origin, now: Date): Promise<RecordingFacts> {
  const { campaignId, referrerKind, referrerId } = code;
  const hourAgo = now.getTime() - HOUR_MS;
  const burstSince = now.getTime() - BURST_WINDOW_MS;
  const parentOf = referrerKind === "customer" ? referrerId : "";
  const [row] = (await db.manager.query(
    `SELECT
       (SELECT merged_into FROM customers WHERE id = ?) AS merged_into,
       EXISTS (SELECT 1 FROM referral WHERE campaign_id = ? AND invitee_id = ?) AS referred,
       EXISTS (SELECT 1 FROM customer_follows WHERE customer_id = ?) AS followed,
       EXISTS (SELECT 1 FROM referral_code WHERE campaign_id = ? AND referrer_kind = 'customer' AND referrer_id = ?) AS invitee_refers,
       (SELECT COUNT(*) FROM referral WHERE campaign_id = ? AND referrer_kind = ? AND referrer_id = ? AND recorded_at >= ?) AS last_hour,
       (SELECT COUNT(*) FROM referral WHERE campaign_id = ? AND ip = ? AND recorded_at >= ?) AS from_ip,
       (SELECT COUNT(*) FROM referral WHERE campaign_id = ? AND device = ? AND recorded_at >= ?) AS from_device,
       p.id AS parent_id, p.depth AS parent_depth, p.parent_id AS parent_parent_id, p.referrer_kind AS parent_referrer_kind, p.referrer_id AS parent_referrer_id
     FROM (SELECT 1 AS one) one LEFT JOIN referral p ON p.campaign_id = ? AND p.invitee_id = ?`,
    [
      ...[inviteeId, campaignId, inviteeId, inviteeId, campaignId, inviteeId],
      ...[campaignId, referrerKind, referrerId, hourAgo, campaignId, origin.ip, burstSince, campaignId, origin.device, burstSince],
      ...[campaignId, parentOf],
    ],
  )) as FactsRow[];
  return {
    inviteeId,
    parent: row.parent_id
      ? { id: row.parent_id, depth: Number(row.parent_depth), parentId: row.parent_parent_id, referrerKind: row.parent_referrer_kind!, referrerId: row.parent_referrer_id! }
      : null,
    inviteeRefers: Number(row.invitee_refers) === 1,
    mergedInto: row.merged_into,
    referred: Number(row.referred) === 1,
    followed: Number(row.followed) === 1,
    lastHour: Number(row.last_hour),
    fromIp: Number(row.from_ip),
    fromDevice: Number(row.from_device),
  };
}

/** A customer referrer's invitees in the campaign, not revoked or voided: their all-time `new` counter. */
async function newInvitesOf(db: RecordDeps["db"], r: Pick<Referral, "campaignId" | "referrerKind" | "referrerId">): Promise<number> {
  const score = await db.manager.findOneBy(ReferralScore, { campaignId: r.campaignId, board: r.referrerKind, metric: "new", period: "all", memberId: r.referrerId });
  return score?.score ?? 0;
}

/** Whether `customerId` brought the referrer in, directly or further up (A → B → A is no referral). */
async function chainIncludes(db: RecordDeps["db"], from: RecordingFacts["parent"], customerId: string): Promise<boolean> {
  let link = from;
  for (let hops = 0; link && hops < MAX_CHAIN; hops++) {
    if (link.referrerKind === "customer" && link.referrerId === customerId) return true;
    link = link.parentId ? await db.manager.findOneBy(Referral, { id: link.parentId }) : null;
  }
  return false;
}
