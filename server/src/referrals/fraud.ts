import { MoreThanOrEqual, type EntityManager } from "typeorm";
import type { ReferralFlag } from "@scrm/shared";
import { newId } from "../platform/ids";
import { Referral, ReferralAuditRow } from "./referral.entity";

/** The window a burst from one IP address or device is counted in. */
export const BURST_WINDOW_MS = 10 * 60_000;
/** A referrer with at least this many invitees who left before qualifying, and no more qualified than that, is listed for review. */
export const LOW_QUALITY_MIN_REVOKED = 3;

export const flagsOf = (flags: string | null): ReferralFlag[] => (flags ? (flags.split(",") as ReferralFlag[]) : []);

const BURST_REASON: Record<ReferralFlag, (r: Referral) => string> = {
  ip_burst: (r) => `many invitees from IP ${r.ip} within 10 minutes`,
  device_burst: (r) => `many invitees from device ${r.device} within 10 minutes`,
};

/**
 * In the recording transaction: flags the new referral and the earlier ones of the same burst
 * (still pending, so held from qualifying), each with an audit entry.
 */
export async function flagBurst(em: EntityManager, referral: Referral, flags: ReferralFlag[]): Promise<void> {
  const since = MoreThanOrEqual(new Date(referral.recordedAt.getTime() - BURST_WINDOW_MS));
  for (const flag of flags) {
    const source = flag === "ip_burst" ? { ip: referral.ip! } : { device: referral.device! };
    const burst = await em.findBy(Referral, { campaignId: referral.campaignId, ...source, recordedAt: since, state: "pending" });
    for (const earlier of burst.filter((r) => !flagsOf(r.flags).includes(flag))) {
      await em.update(Referral, { id: earlier.id }, { flags: [...flagsOf(earlier.flags), flag].join(",") });
      await em.insert(ReferralAuditRow, auditEntry(earlier, "flagged", "system", BURST_REASON[flag](referral), referral.recordedAt));
    }
    await em.insert(ReferralAuditRow, auditEntry(referral, "flagged", "system", BURST_REASON[flag](referral), referral.recordedAt));
  }
}

export const auditEntry = (r: Pick<Referral, "id" | "campaignId">, action: ReferralAuditRow["action"], actor: string, reason: string, at: Date): ReferralAuditRow => ({
  id: newId(),
  referralId: r.id,
  campaignId: r.campaignId,
  action,
  actor,
  reason,
  at,
});
