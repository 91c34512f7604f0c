import type { TableColumnOptions } from "typeorm";

/**
 * Column shapes the migrations share, so every table spells ids, texts and times the same way on
 * SQLite and MySQL. Keep them stable: migrations that already ran depend on them.
 */
export const idColumn = (name: string): TableColumnOptions => ({ name, type: "varchar", length: "36" });
export const textColumn = (name: string, length: string, isNullable = false): TableColumnOptions => ({ name, type: "varchar", length, isNullable });
/** Epoch milliseconds (see db/columns.ts). */
export const timeColumn = (name: string, isNullable = false): TableColumnOptions => ({ name, type: "bigint", isNullable });
