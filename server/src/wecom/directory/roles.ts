import { In, type EntityManager } from "typeorm";
import type { StaffRole } from "@scrm/shared";
import type { Database } from "../../db/database";
import type { Sessions } from "../../auth/sessions";
import { LastManager, NotFound } from "../../http/errors";
import { Staff } from "./staff.entity";

/**
 * Makes the listed members managers (INITIAL_MANAGER_USERIDS, `npm run grant-manager`) and ends
 * their staff sessions so the next sign-in carries the role. Answers the userids promoted; unknown
 * userids are skipped, as they may join later.
 */
export async function promoteToManagers(db: Database, sessions: Sessions, userids: readonly string[]): Promise<string[]> {
  if (userids.length === 0) return [];
  const promoted = await db.transaction(async (em) => {
    const found = await em.find(Staff, { where: { userid: In([...userids]), role: "staff" }, select: { userid: true } });
    const ids = found.map((s) => s.userid);
    if (ids.length > 0) await em.update(Staff, { userid: In(ids) }, { role: "manager" });
    return ids;
  });
  await sessions.revokeStaff(promoted);
  return promoted;
}

/**
 * A manager changes a member's role. Demoting an active manager is refused when none other would
 * be left. On MySQL the active managers' rows are locked first, so two managers demoting each
 * other at once cannot both succeed; SQLite's transactions already run one at a time. The
 * member's sessions end, as they carry the old role: the next sign-in carries the new one.
 */
export async function changeStaffRole(db: Database, sessions: Sessions, userid: string, role: StaffRole): Promise<Staff> {
  const { member, changed } = await db.transaction(async (em) => {
    const member = await em.findOneBy(Staff, { userid });
    if (!member) throw NotFound("Staff member");
    if (member.role === role) return { member, changed: false };
    if (member.role === "manager" && member.status === "active" && (await lockActiveManagers(em, db.kind)) <= 1) throw LastManager();
    await em.update(Staff, { userid }, { role });
    return { member: Object.assign(member, { role }), changed: true };
  });
  if (changed) await sessions.revokeStaff([userid]);
  return member;
}

async function lockActiveManagers(em: EntityManager, kind: Database["kind"]): Promise<number> {
  const query = em.createQueryBuilder(Staff, "s").select("s.userid").where("s.role = 'manager' AND s.status = 'active'");
  if (kind === "mysql") query.setLock("pessimistic_write");
  return (await query.getMany()).length;
}
