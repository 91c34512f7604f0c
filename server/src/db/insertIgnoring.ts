import { In, type EntityManager, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from "typeorm";
import type { DatabaseKind } from "./database";
import { insertStatement } from "./insertStatement";

/** Unique-key conflicts only: INSERT IGNORE / OR IGNORE would also swallow bad values and NULLs. */
const ON_CONFLICT_KEEP: Record<DatabaseKind, string> = { mysql: " ON DUPLICATE KEY UPDATE id = id", sqlite: " ON CONFLICT DO NOTHING" };

/**
 * Inserts, in one statement, the rows no unique key refuses (a row already there wins); answers
 * the ids stored. For batches whose rows may race with others for the same unique key.
 */
export async function insertIgnoringConflicts<T extends ObjectLiteral & { id: string }>(em: EntityManager, kind: DatabaseKind, entity: EntityTarget<T>, rows: T[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const [sql, params] = insertStatement(em, entity, rows);
  await em.query(sql + ON_CONFLICT_KEEP[kind], params);
  const stored = await em.find(entity, { where: { id: In(rows.map((r) => r.id)) } as FindOptionsWhere<T>, select: { id: true } as never });
  return new Set(stored.map((r) => r.id));
}
