import type { Config } from "@scrm/config";
import type { StaffRole } from "@scrm/shared";
import type { AppDeps } from "../../deps";
import { WecomApiError, type WecomClient, type WecomUser } from "../api";
import { findStaff, type StaffFacts } from "./staffRecords";

/** user/get's answer for a userid WeCom does not know (any more). */
const USERID_NOT_FOUND = 60111;
/** WeCom's member status: 1 active; 2 disabled, 4 not yet activated and 5 left cannot sign in. */
const ACTIVE = 1;

const staffFactsOf = (user: WecomUser): StaffFacts => ({
  userid: user.userid,
  name: user.name,
  departmentIds: user.department ?? [],
  mainDepartment: user.main_department ?? null,
  position: user.position ?? "",
  active: user.status === ACTIVE,
});

/** What WeCom says about a member now; null when it no longer knows the userid. */
export async function fetchStaffFacts(wecom: WecomClient, userid: string): Promise<StaffFacts | null> {
  try {
    return staffFactsOf(await wecom.directory.getUser(userid));
  } catch (err) {
    if (err instanceof WecomApiError && err.errcode === USERID_NOT_FOUND) return null;
    throw err;
  }
}

/** The role a member gets when we first see them: INITIAL_MANAGER_USERIDS are managers. */
export function newMemberRole(config: Config): (userid: string) => StaffRole {
  const managers = new Set(config.directory.initialManagerUserIds);
  return (userid) => (managers.has(userid) ? "manager" : "staff");
}

/** A member who left or was disabled keeps no session: sessions outlive sign-in by weeks. */
export async function endSessionsIfInactive({ db, sessions }: AppDeps, userid: string): Promise<void> {
  if ((await findStaff(db, userid))?.status === "inactive") await sessions.revokeStaff([userid]);
}
