import type { AppDeps } from "../deps";
import { TtlCache } from "../platform/ttlCache";
import { staffProfiles } from "../wecom/directory/staffRecords";
import { ReferralPolicies } from "./policy";
import { avatarLoaderFromConfig, ReferrerAvatars } from "./posterAvatar";
import { ReferralCode, type ReferrerKind } from "./referral.entity";

/** How long an instance keeps a staff member's department for their scores (a move shows within this). */
const DEPARTMENT_CACHE_MS = 60_000;

/** The referral domain's per-instance state: campaign policies, codes (they never change), departments and avatars. */
export class Referrals {
  readonly policies: ReferralPolicies;
  /** Referrers' pictures for their posters. */
  readonly avatars: ReferrerAvatars;
  private readonly codes = new TtlCache<string, ReferralCode | null>(10 * 60_000, 100_000);
  private readonly departments = new TtlCache<string, number>(DEPARTMENT_CACHE_MS, 10_000);

  constructor(private readonly deps: Pick<AppDeps, "db" | "clock" | "config" | "logger" | "wecom">) {
    this.policies = new ReferralPolicies(deps);
    this.avatars = new ReferrerAvatars(deps, avatarLoaderFromConfig(deps.config, deps.logger));
  }

  async code(code: string): Promise<ReferralCode | null> {
    const found = await this.codes.get(code, (key) => this.deps.db.manager.findOneBy(ReferralCode, { code: key }));
    if (!found) this.codes.delete(code); // not made yet: ask again next time
    return found;
  }

  /** The department a referrer's staff-board scores are kept under (0 for customers and staff without one). */
  async departmentOf(kind: ReferrerKind, referrerId: string): Promise<number> {
    if (kind !== "staff") return 0;
    return this.departments.get(referrerId, async (userid) => (await staffProfiles(this.deps.db, [userid])).get(userid)?.mainDepartment ?? 0);
  }
}
