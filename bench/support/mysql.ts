import mysql from "mysql2/promise";

export const benchMysqlUrl = () => process.env.TEST_MYSQL_URL || "mysql://root@127.0.0.1:3306/test";

/** A fresh, empty MariaDB/MySQL database for one benchmark; answers its URL. */
export async function freshMysqlDatabase(name: string): Promise<string> {
  const admin = await mysql.createConnection({ uri: benchMysqlUrl() });
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return mysqlDatabaseUrl(name);
}

/** The URL of a database on the benchmarks' MariaDB server. */
export function mysqlDatabaseUrl(name: string): string {
  const url = new URL(benchMysqlUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function queryOne<T>(url: string, sql: string): Promise<T> {
  const conn = await mysql.createConnection({ uri: url });
  try {
    const [rows] = await conn.query(sql);
    return (rows as T[])[0];
  } finally {
    await conn.end();
  }
}

/** What a production MariaDB for this service is given (README, "Running MariaDB"); Debian's defaults are for a laptop. */
const PRODUCTION_INNODB = {
  /** Redo log: Debian's 96 MB fills in seconds under event ingestion and forces flushing storms. */
  innodb_log_file_size: 1024 * 1024 * 1024,
  /** Pages the flusher writes a second: 200 is a spinning disk's figure; SSDs take thousands. */
  innodb_io_capacity: 2_000,
};

/**
 * Gives the MariaDB server the InnoDB settings of a production deployment for the run (those below
 * them only; `bufferPoolMb` sizes the buffer pool for the benchmark's working set, Debian's default
 * being 128 MB); answers the settings in force and what restores the previous ones.
 */
export async function productionInnodb(bufferPoolMb = 128): Promise<{ settings: Record<string, number>; restore: () => Promise<void> }> {
  const wanted: Record<string, number> = { ...PRODUCTION_INNODB, innodb_buffer_pool_size: bufferPoolMb * 1024 * 1024 };
  const admin = await mysql.createConnection({ uri: benchMysqlUrl() });
  const before: Record<string, number> = {};
  const settings: Record<string, number> = {};
  try {
    for (const [name, value] of Object.entries(wanted)) {
      const [[row]] = (await admin.query(`SELECT @@${name} AS v`)) as unknown as [{ v: number | string }[]];
      settings[name] = Math.max(Number(row.v), value);
      if (Number(row.v) >= value) continue;
      before[name] = Number(row.v);
      await admin.query(`SET GLOBAL ${name} = ${value}`);
    }
    return {
      settings,
      restore: async () => {
        const again = await mysql.createConnection({ uri: benchMysqlUrl() });
        try {
          for (const [name, value] of Object.entries(before)) await again.query(`SET GLOBAL ${name} = ${value}`);
        } finally {
          await again.end();
        }
      },
    };
  } finally {
    await admin.end();
  }
}

/**
 * Waits until InnoDB has written the bulk load's dirty pages (set-up, not timed): otherwise the
 * measured run shares the disk and a core with the page cleaner catching up.
 */
export async function flushDirtyPages(maxWaitS = 180): Promise<number> {
  const admin = await mysql.createConnection({ uri: benchMysqlUrl() });
  const dirty = async () => {
    const [[row]] = (await admin.query("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'")) as unknown as [{ Value: string }[]];
    return Number(row.Value);
  };
  try {
    const [[{ pct }]] = (await admin.query("SELECT @@innodb_max_dirty_pages_pct AS pct")) as unknown as [{ pct: number | string }[]];
    await admin.query("SET GLOBAL innodb_max_dirty_pages_pct = 0");
    try {
      const started = Date.now();
      while ((await dirty()) > 1_000 && Date.now() - started < maxWaitS * 1000) await new Promise((r) => setTimeout(r, 1_000));
      return await dirty();
    } finally {
      await admin.query(`SET GLOBAL innodb_max_dirty_pages_pct = ${Number(pct)}`);
    }
  } finally {
    await admin.end();
  }
}
