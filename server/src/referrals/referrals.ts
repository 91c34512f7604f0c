import type { AppDeps } from "../deps";
import { TtlCache } from "../platform/ttlCache";
import { staffProfiles } from "../wecom/directory/staffRecords";
import { ReferralPolicies } from "./policy";
import { RecordingWriter } from "./recordingWriter";
import { avatarLoaderFromConfig, ReferrerAvatars } from "./posterAvatar";
import { ReferralCode, type ReferrerKind } from "./referral.entity";

/** How long an instance keeps a staff member's name and department for boards and scores (a change shows within this). */
const STAFF_CACHE_MS = 60_000;

type StaffProfile = { name: string; mainDepartment: number | null };

/** The referral domain's per-instance state: campaign policies, codes (they never change), departments and avatars. */
export class Referrals {
  readonly policies: ReferralPolicies;
  /** Referrers' pictures for their posters. */
  readonly avatars: ReferrerAvatars;
  /** Recordings, written in group commits. */
  readonly recordings: RecordingWriter;
  private readonly codes = new TtlCache<string, ReferralCode | null>(10 * 60_000, 100_000);
  private readonly staff = new TtlCache<string, StaffProfile>(STAFF_CACHE_MS, 10_000);

  constructor(private readonly deps: Pick<AppDeps, "db" | "clock" | "config" | "logger" | "wecom">) {
    this.policies = new ReferralPolicies(deps);
    this.avatars = new ReferrerAvatars(deps, avatarLoaderFromConfig(deps.config, deps.logger));
    this.recordings = new RecordingWriter(deps);
  }

  async code(code: string): Promise<ReferralCode | null> {
    const found = await this.codes.get(code, (key) => this.deps.db.manager.findOneBy(ReferralCode, { code: key }));
    if (!found) this.codes.delete(code); // not made yet: ask again next time
    return found;
  }

  /** The department a referrer's staff-board scores are kept under (0 for customers and staff without one). */
  async departmentOf(kind: ReferrerKind, referrerId: string): Promise<number> {
    if (kind !== "staff") return 0;
    return (await this.staffProfiles([referrerId])).get(referrerId)?.mainDepartment ?? 0;
  }

  /** Staff members' names and departments, as this instance last read them. */
  staffProfiles(userids: string[]): Promise<Map<string, StaffProfile>> {
    return this.staff.getMany(userids, (missing) => staffProfiles(this.deps.db, missing));
  }
}
