import type { AppDeps } from "../deps";
import { TtlCache } from "../platform/ttlCache";
import { batchedReads } from "../platform/batchedReads";
import { marks } from "../db/sql";
import { staffProfiles } from "../wecom/directory/staffRecords";
import { ReferralPolicies } from "./policy";
import { RecordingWriter } from "./recordingWriter";
import { avatarLoaderFromConfig, ReferrerAvatars } from "./posterAvatar";
import type { ReferralCode, ReferrerKind } from "./referral.entity";

/** How long an instance keeps a staff member's name and department for boards and scores (a change shows within this). */
const STAFF_CACHE_MS = 60_000;

/** How long a code read waits for others to go with it. */
const CODE_READ_WINDOW_MS = 10;

type StaffProfile = { name: string; mainDepartment: number | null };

/** The referral domain's per-instance state: campaign policies, codes (they never change), departments and avatars. */
export class Referrals {
  readonly policies: ReferralPolicies;
  /** Referrers' pictures for their posters. */
  readonly avatars: ReferrerAvatars;
  /** Recordings, written in group commits. */
  readonly recordings: RecordingWriter;
  /** Codes never change; one not made yet is asked for again next time. */
  private readonly codes = new TtlCache<string, ReferralCode | null>(10 * 60_000, 100_000, (code) => code !== null);
  private readonly staff = new TtlCache<string, StaffProfile>(STAFF_CACHE_MS, 10_000);
  /** Every scan without a cached code reads one: the reads of a few milliseconds go together (a scan's recording waits for its batch anyway). */
  private readonly load = batchedReads((codes: string[]) => this.loadMany(codes), null, CODE_READ_WINDOW_MS);

  constructor(private readonly deps: Pick<AppDeps, "db" | "clock" | "config" | "logger" | "wecom">) {
    this.policies = new ReferralPolicies(deps);
    this.avatars = new ReferrerAvatars(deps, avatarLoaderFromConfig(deps.config, deps.logger));
    this.recordings = new RecordingWriter(deps);
  }

  /** A code as scanned or typed, in any case (codes are made in lower case; MySQL compares them without case, SQLite with). */
  async code(code: string): Promise<ReferralCode | null> {
    const key = code.toLowerCase();
    return this.codes.get(key, this.load);
  }

  /** A plain statement, without the query builder's work; `codes` in lower case. */
  private async loadMany(codes: string[]): Promise<Map<string, ReferralCode>> {
    const rows = (await this.deps.db.manager.query(`SELECT code, campaign_id, referrer_kind, referrer_id, created_at FROM referral_code WHERE code IN (${marks(codes.length)})`, codes)) as {
      code: string;
      campaign_id: string;
      referrer_kind: ReferrerKind;
      referrer_id: string;
      created_at: number | string;
    }[];
    return new Map(
      rows.map((row) => [
        row.code.toLowerCase(),
        { code: row.code, campaignId: row.campaign_id, referrerKind: row.referrer_kind, referrerId: row.referrer_id, createdAt: new Date(Number(row.created_at)) },
      ]),
    );
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
