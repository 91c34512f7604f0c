import type { ReferralOutcome } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { isDuplicateKey } from "../db/database";
import { NotFound } from "../http/errors";
import { newId } from "../platform/ids";
import { hasEverFollowed } from "../customers/follows";
import { survivorOf } from "../customers/oneId";
import { addTimeline } from "../customers/timeline";
import { Referral, ReferralScore } from "./referral.entity";
import { burstsOf, flagBurst, invitesInLastHour } from "./fraud";
import { countReferral } from "./counting";

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
 * parent, so chains keep their depth. The referrer's `new` counters move in the same transaction;
 * a burst from one IP address or device is flagged for review.
 */
export async function recordReferral(deps: RecordDeps, customerId: string, code: string, origin: Origin): Promise<Recorded> {
  const { db, clock, referrals } = deps;
  const referralCode = await referrals.code(code);
  if (!referralCode) throw NotFound("Referral code");
  const { campaignId, referrerKind, referrerId } = referralCode;
  const inviteeId = await survivorOf(db.manager, customerId);
  const answer = (outcome: ReferralOutcome, referral?: Referral): Recorded => ({ outcome, campaignId, referral });

  if (await db.manager.existsBy(Referral, { campaignId, inviteeId })) return answer("already_referred");
  const parent = referrerKind === "customer" ? await db.manager.findOneBy(Referral, { campaignId, inviteeId: referrerId }) : null;
  if (referrerKind === "customer" && (referrerId === inviteeId || (await chainIncludes(db, parent, inviteeId)))) return answer("self_referral");
  if (await hasEverFollowed(db, inviteeId)) return answer("existing_customer");

  const policy = await referrals.policies.of(campaignId);
  const now = clock.now();
  if ((await invitesInLastHour(db.manager, referralCode, now)) >= policy.inviterHourlyLimit) return answer("rate_limited");
  if (referrerKind === "customer" && policy.inviteCap !== null && (await newInvitesOf(db, referralCode)) >= policy.inviteCap) return answer("cap_reached");

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
    flags: null,
  };
  const flags = await burstsOf(db.manager, referral, policy.burstLimit);
  referral.flags = flags.length > 0 ? flags.join(",") : null;
  const department = await referrals.departmentOf(referrerKind, referrerId);
  try {
    await db.transaction(async (em) => {
      await em.insert(Referral, referral);
      await addTimeline(em, inviteeId, "referred", now, { campaignId, referrerKind, referrerId, depth: referral.depth }, {
        campaignId,
        referralCode: code,
        ...(referrerKind === "staff" ? { staffUserId: referrerId } : {}),
      });
      if (flags.length > 0) await flagBurst(em, referral, flags);
      await countReferral(em, deps, referral, department, [{ metric: "new", delta: 1, at: now }]);
    });
  } catch (err) {
    if (isDuplicateKey(err)) return answer("already_referred");
    throw err;
  }
  return answer("recorded", referral);
}

/** A customer referrer's invitees in the campaign, not revoked or voided: their all-time `new` counter. */
async function newInvitesOf(db: RecordDeps["db"], r: Pick<Referral, "campaignId" | "referrerKind" | "referrerId">): Promise<number> {
  const score = await db.manager.findOneBy(ReferralScore, { campaignId: r.campaignId, board: r.referrerKind, metric: "new", period: "all", memberId: r.referrerId });
  return score?.score ?? 0;
}

/** Whether `customerId` brought the referrer in, directly or further up (A → B → A is no referral). */
async function chainIncludes(db: RecordDeps["db"], from: Referral | null, customerId: string): Promise<boolean> {
  let link = from;
  for (let hops = 0; link && hops < MAX_CHAIN; hops++) {
    if (link.referrerKind === "customer" && link.referrerId === customerId) return true;
    link = link.parentId ? await db.manager.findOneBy(Referral, { id: link.parentId }) : null;
  }
  return false;
}
