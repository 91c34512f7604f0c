import type { Database } from "../../db/database";
import { Department } from "./department.entity";

/** What department/list says about one department. */
export type DepartmentFacts = Pick<Department, "id" | "name" | "parentId" | "order">;

/**
 * Makes our departments exactly WeCom's full list. A list is always the whole current truth, so
 * applying the latest one is right whatever the order of the events that asked for it.
 */
export function replaceDepartments(db: Database, listed: DepartmentFacts[]): Promise<void> {
  return db.transaction(async (em) => {
    const syncedAt = new Date();
    if (listed.length > 0) await em.upsert(Department, listed.map((d) => ({ ...d, syncedAt })), ["id"]);
    const gone = em.createQueryBuilder().delete().from(Department);
    if (listed.length > 0) gone.where("id NOT IN (:...ids)", { ids: listed.map((d) => d.id) });
    await gone.execute();
  });
}

export function listDepartments(db: Database): Promise<Department[]> {
  return db.manager.find(Department, { order: { parentId: "ASC", order: "DESC", id: "ASC" } });
}
