import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import mysql from "mysql2/promise";
import type { DatabaseSetting } from "@scrm/config";
import { openDatabase, type Database } from "../../server/src/db/database";

export const testDbKind = (): "sqlite" | "mysql" => (process.env.SCRM_TEST_DB === "mysql" ? "mysql" : "sqlite");
const mysqlUrl = () => process.env.TEST_MYSQL_URL || "mysql://root@127.0.0.1:3306/test";

export interface TestDatabase {
  setting: DatabaseSetting;
  /** Drops the database (MySQL) or deletes the file (SQLite). */
  drop(): Promise<void>;
}

/** A fresh, empty database of this project's kind, for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDbKind() === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "scrm-test-"));
    return { setting: { kind: "sqlite", path: join(dir, "test.sqlite") }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `scrm_t_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = await mysql.createConnection({ uri: mysqlUrl() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(mysqlUrl());
  url.pathname = `/${name}`;
  return {
    setting: { kind: "mysql", url: url.toString() },
    drop: async () => {
      const conn = await mysql.createConnection({ uri: mysqlUrl() });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}

/** A fresh database, opened and migrated; `close` also drops it. */
export async function openTestDatabase(): Promise<{ db: Database; setting: DatabaseSetting; close(): Promise<void> }> {
  const fresh = await createTestDatabase();
  const db = await openDatabase(fresh.setting, { poolSize: 10 });
  await db.migrate();
  return {
    db,
    setting: fresh.setting,
    close: async () => {
      await db.close();
      await fresh.drop();
    },
  };
}
