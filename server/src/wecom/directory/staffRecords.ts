import { In } from "typeorm";
import type { StaffRole } from "@scrm/shared";
import type { Database } from "../../db/database";
import { Staff } from "./staff.entity";

/** What WeCom says about one member, at some moment. */
export interface StaffFacts {
  userid: string;
  name: string;
  departmentIds: number[];
  mainDepartment: number | null;
  position: string;
  active: boolean;
}

/** The staff fields other domains (sign-in) may read. */
export type StaffView = Pick<Staff, "userid" | "name" | "role" | "status">;

/**
 * A change is applied unless the row already reflects a later one. A tie is applied: CreateTime
 * has whole seconds, two changes can share one, and what we write is read back from WeCom.
 */
const NOT_NEWER = "applied_change_at <= :at";
/** Keeps `IN (…)` lists well under SQLite's bound-parameter limit. */
const IN_LIST_CHUNK = 500;

/**
 * Writes what WeCom said at `at` (one transaction for the batch). A new member is inserted with
 * `roleIfNew(userid)`; an existing one is updated unless its row reflects a later change.
 * Insert-or-ignore first, then the conditional update, so two instances writing the same member
 * at once never collide on the primary key.
 */
export function applyStaffFacts(db: Database, batch: StaffFacts[], at: Date, roleIfNew: (userid: string) => StaffRole): Promise<void> {
  if (batch.length === 0) return Promise.resolve();
  return db.transaction(async (em) => {
    const syncedAt = new Date();
    for (const { active, userid, ...facts } of batch) {
      const state = { ...facts, status: active ? ("active" as const) : ("inactive" as const), appliedChangeAt: at, syncedAt };
      await em.createQueryBuilder().insert().into(Staff).values({ userid, role: roleIfNew(userid), ...state }).orIgnore().execute();
      await em.createQueryBuilder().update(Staff).set(state).where(`userid = :userid AND ${NOT_NEWER}`, { userid, at: at.getTime() }).execute();
    }
  });
}

/** Marks members inactive as of `at` (they left, or WeCom no longer lists them); rows are kept. */
export function markStaffInactive(db: Database, userids: string[], at: Date): Promise<void> {
  if (userids.length === 0) return Promise.resolve();
  return db.transaction(async (em) => {
    for (let i = 0; i < userids.length; i += IN_LIST_CHUNK) {
      await em
        .createQueryBuilder()
        .update(Staff)
        .set({ status: "inactive", appliedChangeAt: at, syncedAt: new Date() })
        .where(`userid IN (:...userids) AND ${NOT_NEWER}`, { userids: userids.slice(i, i + IN_LIST_CHUNK), at: at.getTime() })
        .execute();
    }
  });
}

/**
 * WeCom lets a generated userid be changed once (`NewUserID`): the row moves with its role. When
 * the new userid already has a row, that row wins and the old one is left to the next sync.
 */
export function renameStaff(db: Database, from: string, to: string, at: Date): Promise<void> {
  return db.transaction(async (em) => {
    if (await em.existsBy(Staff, { userid: to })) return;
    await em.createQueryBuilder().update(Staff).set({ userid: to }).where(`userid = :from AND ${NOT_NEWER}`, { from, at: at.getTime() }).execute();
  });
}

/** Whether the member's row already reflects a change made after `at`. */
export async function isStaleChange(db: Database, userid: string, at: Date): Promise<boolean> {
  const row = await db.manager.findOne(Staff, { where: { userid }, select: { userid: true, appliedChangeAt: true } });
  return row !== null && row.appliedChangeAt.getTime() > at.getTime();
}

export function findStaff(db: Database, userid: string): Promise<StaffView | null> {
  return db.manager.findOne(Staff, { where: { userid }, select: { userid: true, name: true, role: true, status: true } });
}

export async function activeUserids(db: Database): Promise<Set<string>> {
  const active = await db.manager.find(Staff, { where: { status: "active" }, select: { userid: true } });
  return new Set(active.map((s) => s.userid));
}

/** The userids of active managers: who gets managers' alerts. */
export async function activeManagers(db: Database): Promise<string[]> {
  const managers = await db.manager.find(Staff, { where: { status: "active", role: "manager" }, select: { userid: true }, order: { userid: "ASC" } });
  return managers.map((s) => s.userid);
}

/** Names and main departments of staff members, by userid (those we know). */
export async function staffProfiles(db: Database, userids: string[]): Promise<Map<string, { name: string; mainDepartment: number | null }>> {
  if (userids.length === 0) return new Map();
  const rows = await db.manager.find(Staff, { where: { userid: In(userids) }, select: { userid: true, name: true, mainDepartment: true } });
  return new Map(rows.map((s) => [s.userid, { name: s.name, mainDepartment: s.mainDepartment }]));
}
