import { ReferralPolicyInput, type ReferralPolicyView } from "@scrm/shared";
import type { z } from "zod";
import type { AppDeps } from "../deps";
import { NotFound } from "../http/errors";
import { Campaign } from "../channels/campaign.entity";
import { TtlCache } from "../platform/ttlCache";
import { ReferralPolicy } from "./referral.entity";

/** How long an instance trusts its copy of a campaign's policy: a change applies everywhere within this. */
const POLICY_CACHE_MS = 5_000;

/** The playbook's defaults, for a campaign whose manager set no policy. */
export const DEFAULT_POLICY = ReferralPolicyInput.parse({});

type PolicyDeps = Pick<AppDeps, "db" | "clock">;

export class ReferralPolicies {
  private readonly cache = new TtlCache<string, ReferralPolicyView>(POLICY_CACHE_MS, 1_000);

  constructor(private readonly deps: PolicyDeps) {}

  /** The campaign's policy, or the defaults; 404 for no such campaign. */
  of(campaignId: string): Promise<ReferralPolicyView> {
    return this.cache.get(campaignId, async () => {
      const row = await this.deps.db.manager.findOneBy(ReferralPolicy, { campaignId });
      if (row) return { campaignId, qualifyDays: row.qualifyDays, inviterHourlyLimit: row.inviterHourlyLimit, burstLimit: row.burstLimit, inviteCap: row.inviteCap };
      if (!(await this.deps.db.manager.existsBy(Campaign, { id: campaignId }))) throw NotFound("Campaign");
      return { campaignId, ...DEFAULT_POLICY };
    });
  }

  async set(campaignId: string, input: z.output<typeof ReferralPolicyInput>): Promise<ReferralPolicyView> {
    const { db, clock } = this.deps;
    if (!(await db.manager.existsBy(Campaign, { id: campaignId }))) throw NotFound("Campaign");
    await db.transaction((em) => em.save(ReferralPolicy, { campaignId, ...input, updatedAt: clock.now() }));
    this.cache.delete(campaignId);
    return this.of(campaignId);
  }
}
