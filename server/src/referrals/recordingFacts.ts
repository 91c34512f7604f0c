import type { Database } from "../db/database";
import { marks } from "../db/sql";
import { groupBy } from "../platform/groupBy";
import { HOUR_MS } from "../platform/clock";
import { survivorOf } from "../customers/oneId";
import type { Referral, ReferralCode, ReferrerKind } from "./referral.entity";
import { BURST_WINDOW_MS } from "./fraud";

/** Where the invitee opened the code from (anti-fraud): the client address and the mini-program install's id. */
export interface Origin {
  ip: string | null;
  device: string | null;
}

/** A customer opening a referral code: what recording screens and stores. */
export interface Opening {
  code: ReferralCode;
  /** The signed-in customer (their record may since have been merged into another: OneID). */
  customerId: string;
  origin: Origin;
}

/** A customer referrer's own referral in the campaign: the parent of the referrals they bring. */
export type Parent = Pick<Referral, "id" | "depth" | "parentId" | "referrerKind" | "referrerId">;

/** What the database says about one opening when its batch is screened. */
export interface RecordingFacts {
  /** The invitee's surviving record (OneID). */
  inviteeId: string;
  referred: boolean;
  /** Ever added a staff member: already ours. */
  followed: boolean;
  /** The invitee has a referral code of their own in the campaign: they might be up the referrer's chain. */
  inviteeRefers: boolean;
  /** A customer referrer's own referral (null for staff, and for a chain's first customer). */
  parent: Parent | null;
  /** The referrer's invitees in the last hour (their rate limit). */
  lastHour: number;
  /** Invitees from the same IP address and device within the burst window. */
  fromIp: number;
  fromDevice: number;
}

const referrerKey = (kind: ReferrerKind, id: string) => `${kind} ${id}`;

/**
 * Everything screening needs about a batch of openings, in a handful of statements for the whole
 * batch (recording is the path every scan takes; one statement per opening made the database's
 * parsing and planning the cost of a scan): survivors of merged invitees, then per campaign the
 * invitees' and referrers' referrals, follows, own codes, and the counts the rate limit and burst
 * rules use, read as of `now`.
 */
export async function factsOf(db: Database, openings: Opening[], now: Date): Promise<RecordingFacts[]> {
  const invitees = await survivors(db, [...new Set(openings.map((o) => o.customerId))]);
  const facts = new Map<Opening, RecordingFacts>();
  for (const group of groupBy(openings, (o) => o.code.campaignId)) {
    const campaignId = group[0].code.campaignId;
    const inviteeIds = [...new Set(group.map((o) => invitees.get(o.customerId)!))];
    const customerReferrers = [...new Set(group.filter((o) => o.code.referrerKind === "customer").map((o) => o.code.referrerId))];
    const [referrals, followed, referring, lastHour, fromIp, fromDevice] = await Promise.all([
      referralsOfInvitees(db, campaignId, [...new Set([...inviteeIds, ...customerReferrers])]),
      followersAmong(db, inviteeIds),
      customersWithCodes(db, campaignId, inviteeIds),
      referrerCounts(db, campaignId, group, new Date(now.getTime() - HOUR_MS)),
      originCounts(db, campaignId, "ip", group.map((o) => o.origin.ip), new Date(now.getTime() - BURST_WINDOW_MS)),
      originCounts(db, campaignId, "device", group.map((o) => o.origin.device), new Date(now.getTime() - BURST_WINDOW_MS)),
    ]);
    for (const o of group) {
      const inviteeId = invitees.get(o.customerId)!;
      const { referrerKind, referrerId } = o.code;
      facts.set(o, {
        inviteeId,
        referred: referrals.has(inviteeId),
        followed: followed.has(inviteeId),
        inviteeRefers: referring.has(inviteeId),
        parent: referrerKind === "customer" ? (referrals.get(referrerId) ?? null) : null,
        lastHour: lastHour.get(referrerKey(referrerKind, referrerId)) ?? 0,
        fromIp: (o.origin.ip && fromIp.get(o.origin.ip)) || 0,
        fromDevice: (o.origin.device && fromDevice.get(o.origin.device)) || 0,
      });
    }
  }
  return openings.map((o) => facts.get(o)!);
}

/** Each customer's surviving record: itself, or the record it was merged into (rare: one lookup each). */
async function survivors(db: Database, customerIds: string[]): Promise<Map<string, string>> {
  const merged = (await db.manager.query(`SELECT id, merged_into FROM customers WHERE id IN (${marks(customerIds.length)}) AND merged_into IS NOT NULL`, customerIds)) as {
    id: string;
    merged_into: string;
  }[];
  const survivor = new Map(customerIds.map((id) => [id, id]));
  for (const row of merged) survivor.set(row.id, await survivorOf(db.manager, row.merged_into));
  return survivor;
}

/** The campaign's referrals of these invitees, by invitee (a customer is referred once per campaign). */
async function referralsOfInvitees(db: Database, campaignId: string, inviteeIds: string[]): Promise<Map<string, Parent>> {
  const rows = (await db.manager.query(
    `SELECT id, invitee_id, depth, parent_id, referrer_kind, referrer_id FROM referral WHERE campaign_id = ? AND invitee_id IN (${marks(inviteeIds.length)})`,
    [campaignId, ...inviteeIds],
  )) as { id: string; invitee_id: string; depth: number | string; parent_id: string | null; referrer_kind: ReferrerKind; referrer_id: string }[];
  return new Map(rows.map((r) => [r.invitee_id, { id: r.id, depth: Number(r.depth), parentId: r.parent_id, referrerKind: r.referrer_kind, referrerId: r.referrer_id }]));
}

/** Customers who ever added a staff member (a follow row, current or ended). */
async function followersAmong(db: Database, customerIds: string[]): Promise<Set<string>> {
  const rows = (await db.manager.query(`SELECT DISTINCT customer_id FROM customer_follows WHERE customer_id IN (${marks(customerIds.length)})`, customerIds)) as { customer_id: string }[];
  return new Set(rows.map((r) => r.customer_id));
}

async function customersWithCodes(db: Database, campaignId: string, customerIds: string[]): Promise<Set<string>> {
  const rows = (await db.manager.query(
    `SELECT referrer_id FROM referral_code WHERE campaign_id = ? AND referrer_kind = 'customer' AND referrer_id IN (${marks(customerIds.length)})`,
    [campaignId, ...customerIds],
  )) as { referrer_id: string }[];
  return new Set(rows.map((r) => r.referrer_id));
}

/** Invitees each referrer of the openings brought since `since`, by referrerKey. */
async function referrerCounts(db: Database, campaignId: string, openings: Opening[], since: Date): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const group of groupBy(openings, (o) => o.code.referrerKind)) {
    const kind = group[0].code.referrerKind;
    const ids = [...new Set(group.map((o) => o.code.referrerId))];
    const rows = (await db.manager.query(
      `SELECT referrer_id, COUNT(*) AS n FROM referral WHERE campaign_id = ? AND referrer_kind = ? AND referrer_id IN (${marks(ids.length)}) AND recorded_at >= ? GROUP BY referrer_id`,
      [campaignId, kind, ...ids, since.getTime()],
    )) as { referrer_id: string; n: number | string }[];
    for (const r of rows) counts.set(referrerKey(kind, r.referrer_id), Number(r.n));
  }
  return counts;
}

/** Invitees recorded since `since` from each of these IP addresses (or devices). */
async function originCounts(db: Database, campaignId: string, column: "ip" | "device", values: (string | null)[], since: Date): Promise<Map<string, number>> {
  const distinct = [...new Set(values.filter((v): v is string => v !== null))];
  if (distinct.length === 0) return new Map();
  const rows = (await db.manager.query(
    `SELECT ${column} AS origin, COUNT(*) AS n FROM referral WHERE campaign_id = ? AND ${column} IN (${marks(distinct.length)}) AND recorded_at >= ? GROUP BY ${column}`,
    [campaignId, ...distinct, since.getTime()],
  )) as { origin: string; n: number | string }[];
  return new Map(rows.map((r) => [r.origin, Number(r.n)]));
}
