import type { ReferralOutcome } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { isDuplicateKey } from "../db/database";
import { NotFound } from "../http/errors";
import { newId } from "../platform/ids";
import { hasEverFollowed } from "../customers/follows";
import { survivorOf } from "../customers/oneId";
import { addTimeline } from "../customers/timeline";
import { Referral, ReferralCode } from "./referral.entity";

type RecordDeps = Pick<AppDeps, "db" | "clock">;

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
 * referrer themselves or anyone up their own chain, nor for someone already ours. A customer
 * referrer's own referral becomes the parent, so chains keep their depth.
 */
export async function recordReferral({ db, clock }: RecordDeps, customerId: string, code: string): Promise<Recorded> {
  const referralCode = await db.manager.findOneBy(ReferralCode, { code });
  if (!referralCode) throw NotFound("Referral code");
  const { campaignId, referrerKind, referrerId } = referralCode;
  const inviteeId = await survivorOf(db.manager, customerId);
  const answer = (outcome: ReferralOutcome, referral?: Referral): Recorded => ({ outcome, campaignId, referral });

  if (await db.manager.existsBy(Referral, { campaignId, inviteeId })) return answer("already_referred");
  const parent = referrerKind === "customer" ? await db.manager.findOneBy(Referral, { campaignId, inviteeId: referrerId }) : null;
  if (referrerKind === "customer" && (referrerId === inviteeId || (await chainIncludes(db, parent, inviteeId)))) return answer("self_referral");
  if (await hasEverFollowed(db, inviteeId)) return answer("existing_customer");

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
    recordedAt: clock.now(),
    addedAt: null,
    settledAt: null,
  };
  try {
    await db.transaction(async (em) => {
      await em.insert(Referral, referral);
      await addTimeline(em, inviteeId, "referred", referral.recordedAt, { campaignId, referrerKind, referrerId, depth: referral.depth }, {
        campaignId,
        referralCode: code,
        ...(referrerKind === "staff" ? { staffUserId: referrerId } : {}),
      });
    });
  } catch (err) {
    if (isDuplicateKey(err)) return answer("already_referred");
    throw err;
  }
  return answer("recorded", referral);
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
