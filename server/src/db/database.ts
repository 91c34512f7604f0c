import "reflect-metadata";
import { DataSource, type EntityManager } from "typeorm";
import type { DatabaseSetting } from "@scrm/config";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { entities, migrations } from "./schema";

export type DatabaseKind = DatabaseSetting["kind"];

const MYSQL_RETRYABLE = new Set(["ER_LOCK_DEADLOCK", "ER_LOCK_WAIT_TIMEOUT"]);
const MAX_DEADLOCK_RETRIES = 3;

/**
 * The one way to the database. Every write goes through `transaction`: on SQLite those run one at
 * a time in arrival order on the single connection (TypeORM would otherwise nest or interleave them
 * and leak a write outside its transaction); on MySQL a deadlock is retried a bounded number of
 * times. Plain reads may use `manager` directly.
 */
/** Whether a write failed on a unique key (another writer got there first). */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  const code = e.driverError?.code ?? e.code;
  return code === "ER_DUP_ENTRY" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** Runs one write statement in the caller's transaction; answers how many rows it changed. */
export async function affectedRows(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const result = (await em.queryRunner!.query(sql, params, true)) as { affected?: number };
  return result.affected ?? 0;
}

export class Database {
  private readonly writes: WriteQueue;

  constructor(
    readonly source: DataSource,
    readonly kind: DatabaseKind,
    /** Databases given the same queue (connections to one SQLite file) write one at a time. */
    writes: WriteQueue = { tail: Promise.resolve() },
  ) {
    this.writes = writes;
  }

  get manager(): EntityManager {
    return this.source.manager;
  }

  /**
   * Runs `work` in one transaction. `readCommitted` (MySQL) suits hot counters: a conditional
   * UPDATE that matches nothing then keeps no lock on the row it looked at (SQLite has one writer
   * at a time anyway).
   */
  transaction<T>(work: (em: EntityManager) => Promise<T>, options: { readCommitted?: boolean } = {}): Promise<T> {
    if (this.kind === "sqlite") {
      const run = () => this.source.transaction(work);
      const result = this.writes.tail.then(run, run);
      this.writes.tail = result.catch(() => undefined);
      return result;
    }
    return this.withDeadlockRetry(() => (options.readCommitted ? this.source.transaction("READ COMMITTED", work) : this.source.transaction(work)));
  }

  /** Whether every listed migration has run. */
  async migrationsApplied(): Promise<boolean> {
    return !(await this.source.showMigrations());
  }

  async ping(): Promise<void> {
    await this.source.query("SELECT 1");
  }

  async migrate(): Promise<string[]> {
    const ran = await this.source.runMigrations({ transaction: "each" });
    return ran.map((m) => m.name);
  }

  async close(): Promise<void> {
    await this.writes.tail;
    if (this.source.isInitialized) await this.source.destroy();
  }

  private async withDeadlockRetry<T>(attempt: () => Promise<T>): Promise<T> {
    for (let tries = 0; ; tries++) {
      try {
        return await attempt();
      } catch (err) {
        const code = (err as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (err as { code?: string }).code;
        if (!code || !MYSQL_RETRYABLE.has(code) || tries >= MAX_DEADLOCK_RETRIES) throw err;
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (tries + 1)));
      }
    }
  }
}

export interface WriteQueue {
  tail: Promise<unknown>;
}

/**
 * One write queue per SQLite file in this process. better-sqlite3 waits for a lock synchronously,
 * so a second connection to the same file (another Database in this process) that blocked on the
 * first one's open transaction would block the very thread that must commit it, until busy_timeout.
 */
const sqliteWriteQueues = new Map<string, WriteQueue>();
const sqliteWriteQueue = (path: string): WriteQueue | undefined => {
  if (path === ":memory:") return undefined; // every connection is its own database
  const key = resolve(path);
  let queue = sqliteWriteQueues.get(key);
  if (!queue) sqliteWriteQueues.set(key, (queue = { tail: Promise.resolve() }));
  return queue;
};

export interface OpenOptions {
  /** MySQL pool size; one instance of the server shares it across all requests. */
  poolSize?: number;
}

export async function openDatabase(setting: DatabaseSetting, options: OpenOptions = {}): Promise<Database> {
  const common = { entities, migrations, synchronize: false, migrationsRun: false, logging: false } as const;
  let source: DataSource;
  if (setting.kind === "sqlite") {
    if (setting.path !== ":memory:") mkdirSync(dirname(setting.path), { recursive: true });
    source = new DataSource({
      ...common,
      type: "better-sqlite3",
      database: setting.path,
      enableWAL: true,
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma("busy_timeout = 5000");
        db.pragma("synchronous = NORMAL");
      },
    });
  } else {
    source = new DataSource({
      ...common,
      type: "mysql",
      url: setting.url,
      charset: "utf8mb4_unicode_ci",
      timezone: "Z",
      supportBigNumbers: true,
      bigNumberStrings: false,
      poolSize: options.poolSize ?? 20,
      // mysql2 otherwise captures a stack trace for every query: a tenth of a busy server's CPU.
      extra: { trace: false },
    });
  }
  await source.initialize();
  return new Database(source, setting.kind, setting.kind === "sqlite" ? sqliteWriteQueue(setting.path) : undefined);
}
