import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import { rowsOf } from "./sql";

/**
 * A multi-row INSERT of entities, built from their column metadata (values through each column's
 * transformer, as TypeORM writes them) without the query builder: batched writers put hundreds of
 * rows in a statement, where the builder's bookkeeping for each parameter costs more than the
 * database's work. A value left out is written as the entity's default when it declares a plain
 * one, else as NULL; a required column with neither is a programming error.
 */
export function insertStatement<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, rows: T[]): [string, unknown[]] {
  const { connection } = em;
  const metadata = connection.getMetadata(entity);
  const columns = metadata.columns.filter((c) => c.isInsert);
  const escape = (name: string) => connection.driver.escape(name);
  const sql = `INSERT INTO ${escape(metadata.tablePath)} (${columns.map((c) => escape(c.databaseName)).join(", ")}) VALUES ${rowsOf(rows.length, columns.length)}`;
  const params = rows.flatMap((row) => columns.map((column) => valueOf(connection.driver.preparePersistentValue(column.getEntityValue(row), column) as unknown, column)));
  return [sql, params];
}

function valueOf(prepared: unknown, column: ColumnMetadata): unknown {
  if (prepared !== undefined) return prepared;
  if (column.default !== undefined && typeof column.default !== "function") return column.default;
  if (column.isNullable) return null;
  throw new Error(`${column.entityMetadata.name}.${column.propertyName} has no value and no default`);
}
