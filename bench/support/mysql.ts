import mysql from "mysql2/promise";

export const benchMysqlUrl = () => process.env.TEST_MYSQL_URL || "mysql://root@127.0.0.1:3306/test";

/** A fresh, empty MariaDB/MySQL database for one benchmark; answers its URL. */
export async function freshMysqlDatabase(name: string): Promise<string> {
  const admin = await mysql.createConnection({ uri: benchMysqlUrl() });
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
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

/**
 * Sizes the server's InnoDB buffer pool for a data set of several GB (a production database is
 * sized for its working set; Debian's default is 128 MB) for the run; answers what restores it.
 */
export async function sizeBufferPool(mb: number): Promise<{ mb: number; restore: () => Promise<void> }> {
  const admin = await mysql.createConnection({ uri: benchMysqlUrl() });
  try {
    const [[{ size }]] = (await admin.query("SELECT @@innodb_buffer_pool_size AS size")) as unknown as [{ size: number | string }[]];
    const before = Number(size);
    if (before >= mb * 1024 * 1024) return { mb: before / 1024 / 1024, restore: async () => {} };
    await admin.query(`SET GLOBAL innodb_buffer_pool_size = ${mb * 1024 * 1024}`);
    return {
      mb,
      restore: async () => {
        const again = await mysql.createConnection({ uri: benchMysqlUrl() });
        await again.query(`SET GLOBAL innodb_buffer_pool_size = ${before}`).finally(() => again.end());
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
