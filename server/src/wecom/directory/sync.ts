import type { AppDeps } from "../../deps";
import type { WecomClient } from "../api";
import { replaceDepartments } from "./departments";
import { fetchStaffFacts, newMemberRole } from "./members";
import { promoteToManagers } from "./roles";
import { activeUserids, applyStaffFacts, markStaffInactive, type StaffFacts } from "./staffRecords";

/** Members read from WeCom at once; the client's limiter keeps the pace within WeCom's limits. */
const PARALLEL_READS = 10;
/** user/list_id's largest page. */
const LIST_PAGE = 10_000;

export interface DirectorySyncReport {
  departments: number;
  members: number;
  /** Members who were active and are not any more (left, disabled, or no longer listed). */
  deactivated: number;
  /** INITIAL_MANAGER_USERIDS promoted by this sync. */
  promoted: string[];
}

/** Replaces our departments with WeCom's current list; answers how many there are. */
export async function syncDepartments({ db, wecom }: AppDeps): Promise<number> {
  const departments = await wecom.directory.listDepartments();
  await replaceDepartments(db, departments.map((d) => ({ id: d.id, name: d.name, parentId: d.parentid, order: d.order })));
  return departments.length;
}

/**
 * Brings the whole directory from WeCom: departments, then every listed member (user/list_id,
 * then user/get each). Members WeCom no longer lists become inactive; no row is deleted. Every
 * write is stamped with the sync's start and skipped for a member whose row already reflects a
 * later change event, so a sync and the events arriving meanwhile can run in any order.
 */
export async function syncDirectory(deps: AppDeps, signal?: AbortSignal): Promise<DirectorySyncReport> {
  const { db, wecom, sessions, config } = deps;
  // CreateTime has whole seconds: an event in the second the sync started may be missing from what
  // we read, so the stamp sits just before that second and such an event still applies after.
  const asOf = new Date(Math.floor(Date.now() / 1000) * 1000 - 1);
  const activeBefore = await activeUserids(db);
  const departments = await syncDepartments(deps);

  const userids = await listUserids(wecom, signal);
  const roleIfNew = newMemberRole(config);
  const listed = new Set<string>();
  for (let i = 0; i < userids.length; i += PARALLEL_READS) {
    signal?.throwIfAborted();
    const read = await Promise.all(userids.slice(i, i + PARALLEL_READS).map((id) => fetchStaffFacts(wecom, id)));
    const found = read.filter((f): f is StaffFacts => f !== null);
    await applyStaffFacts(db, found, asOf, roleIfNew);
    for (const f of found) listed.add(f.userid);
  }
  await markStaffInactive(db, [...activeBefore].filter((id) => !listed.has(id)), asOf);

  const activeAfter = await activeUserids(db);
  const deactivated = [...activeBefore].filter((id) => !activeAfter.has(id));
  await sessions.revokeStaff(deactivated);
  const promoted = await promoteToManagers(db, sessions, config.directory.initialManagerUserIds);
  return { departments, members: listed.size, deactivated: deactivated.length, promoted };
}

/** Every userid in the corp; list_id has a row per member and department, so ids repeat. */
async function listUserids(wecom: WecomClient, signal?: AbortSignal): Promise<string[]> {
  const userids = new Set<string>();
  let cursor: string | undefined;
  do {
    signal?.throwIfAborted();
    const page = await wecom.directory.listUserIds({ limit: LIST_PAGE, ...(cursor ? { cursor } : {}) });
    for (const row of page.dept_user) userids.add(row.userid);
    cursor = page.next_cursor || undefined;
  } while (cursor);
  return [...userids];
}
