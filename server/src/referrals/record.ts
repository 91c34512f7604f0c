import type { ReferralOutcome } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { NotFound } from "../http/errors";
import type { Referral } from "./referral.entity";
import type { Origin } from "./recordingFacts";

type RecordDeps = Pick<AppDeps, "referrals">;

export interface Recorded {
  outcome: ReferralOutcome;
  campaignId: string;
  referral?: Referral;
}

/**
 * A customer opened the mini-program through a referral code. Recorded once per campaign and
 * invitee (a unique key: the first touch wins, also when two opens race); never for the referrer
 * themselves or anyone up their own chain, nor for someone already ours; not past the referrer's
 * hourly limit or a customer's cap (screening.ts). A customer referrer's own referral becomes the
 * parent, so chains keep their depth. Screening, the referral, its timeline entry and the
 * referrer's `new` counters go in a batch shared with concurrent openings; a burst from one IP
 * address or device is flagged for review.
 */
export async function recordReferral({ referrals }: RecordDeps, customerId: string, code: string, origin: Origin): Promise<Recorded> {
  const referralCode = await referrals.code(code);
  if (!referralCode) throw NotFound("Referral code");
  const { campaignId, referrerKind, referrerId } = referralCode;
  const [policy, department] = await Promise.all([referrals.policies.of(campaignId), referrals.departmentOf(referrerKind, referrerId)]);
  const screened = await referrals.recordings.write({ code: referralCode, customerId, origin, policy, department });
  return screened.outcome === "recorded" ? { outcome: "recorded", campaignId, referral: screened.referral } : { outcome: screened.outcome, campaignId };
}
