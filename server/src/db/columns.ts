import type { ValueTransformer } from "typeorm";

/**
 * Times are stored as epoch milliseconds in BIGINT columns: the same value and the same
 * comparisons on SQLite and MySQL, no driver time-zone conversions. mysql2 may hand BIGINT back
 * as a string, so read it through Number.
 */
export const epochMs: ValueTransformer = {
  to: (v: Date | number | null | undefined) => (v instanceof Date ? v.getTime() : v),
  from: (v: string | number | null) => (v === null || v === undefined ? v : new Date(Number(v))),
};

/** A BIGINT read back as a number (mysql2 may answer a string); for values below 2^53. */
export const bigintNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? v : Number(v)),
};

/** A value stored as JSON text (short lists and settings that are read and written whole). */
export const jsonText = <T>(): ValueTransformer => ({ to: (v: T) => JSON.stringify(v), from: (v: string) => JSON.parse(v) as T });
