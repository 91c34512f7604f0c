import type { AppDeps } from "../../deps";
import type { InboxEvent, InboxHandlers } from "../inbox/handlers";
import { endSessionsIfInactive, fetchStaffFacts, newMemberRole } from "./members";
import { applyStaffFacts, isStaleChange, markStaffInactive, renameStaff } from "./staffRecords";
import { syncDepartments } from "./sync";

const CHANGE_CONTACT = "change_contact";
const PARTY_CHANGES = ["create_party", "update_party", "delete_party"];

const changedAt = (event: InboxEvent) => new Date(event.createTime * 1000);

/**
 * Keeps the directory current from WeCom's `change_contact` events. A member's change is skipped
 * when their row already reflects a later one, so a late event never undoes a later change (an
 * update delivered after the member's deletion leaves them inactive).
 */
export function registerDirectoryHandlers(handlers: InboxHandlers, deps: AppDeps): void {
  handlers.register(CHANGE_CONTACT, "create_user", (event) => memberChanged(deps, event));
  handlers.register(CHANGE_CONTACT, "update_user", (event) => memberChanged(deps, event));
  handlers.register(CHANGE_CONTACT, "delete_user", (event) => memberLeft(deps, event));
  // A department list is the whole current truth, whichever event asked for it.
  const refreshDepartments = async () => {
    await syncDepartments(deps);
  };
  for (const changeType of PARTY_CHANGES) handlers.register(CHANGE_CONTACT, changeType, refreshDepartments);
}

/**
 * WeCom's event carries only the changed fields, and for some apps none but the UserID: the
 * member is read back from WeCom. A `NewUserID` moves the row, and its role, to the new userid.
 */
async function memberChanged(deps: AppDeps, event: InboxEvent): Promise<void> {
  const { db, wecom, config } = deps;
  const at = changedAt(event);
  if (await isStaleChange(db, event.userId, at)) return;
  const newUserid = event.fields.NewUserID;
  if (newUserid && newUserid !== event.userId) {
    await renameStaff(db, event.userId, newUserid, at);
    await deps.sessions.revokeStaff([event.userId]); // sessions name the old userid
  }
  const userid = newUserid || event.userId;
  const facts = await fetchStaffFacts(wecom, userid);
  if (facts) await applyStaffFacts(db, [facts], at, newMemberRole(config));
  else await markStaffInactive(db, [userid], at);
  await endSessionsIfInactive(deps, userid);
}

async function memberLeft(deps: AppDeps, event: InboxEvent): Promise<void> {
  await markStaffInactive(deps.db, [event.userId], changedAt(event));
  await endSessionsIfInactive(deps, event.userId);
}
