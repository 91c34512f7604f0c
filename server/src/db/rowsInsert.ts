import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import { rowsOf } from "./sql";

/**
 * A multi-row INSERT of entities, built from their column metadata (values through each column's
 * transformer, as TypeORM writes them) without the query builder: batched writers put hundreds of
 * rows in a statement, where the builder's bookkeeping for each parameter costs more than the
 * database's work. A value left out is written as NULL, or as the column's default when it has a
 * plain one; a required column with neither is a programming error.
 */
export function insertStatement<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, rows: T[]): [string, unknown[]] {
  const { connection } = em;
  const metadata = connection.getMetadata(entity);
  const columns = metadata.columns.filter((c) => c.isInsert && !c.isVirtual);
  const escape = (name: string) => connection.driver.escape(name);
  const sql = `INSERT INTO ${escape(metadata.tableName)} (${columns.map((c) => escape(c.databaseName)).join(", ")}) VALUES ${rowsOf(rows.length, columns.length)}`;
  const params = rows.flatMap((row) => columns.map((column) => connection.driver.preparePersistentValue(valueOf(column, row), column) as unknown));
  return [sql, params];
}

function valueOf(column: ColumnMetadata, row: ObjectLiteral): unknown {
  const value: unknown = column.getEntityValue(row);
  if (value !== undefined) return value;
  if (column.default !== undefined && typeof column.default !== "function") return column.default;
  if (column.isNullable) return null;
  throw new Error(`${column.entityMetadata.name}.${column.propertyName} has no value and no default`);
}
