// Whether the MySQL/MariaDB test server answers; used by jest.config.js before any test runs.
const DEFAULT_URL = "mysql://root@127.0.0.1:3306/test";

const testMysqlUrl = () => process.env.TEST_MYSQL_URL || DEFAULT_URL;

async function mysqlReachable() {
  const mysql = require("mysql2/promise");
  try {
    const conn = await mysql.createConnection({ uri: testMysqlUrl(), connectTimeout: 3000 });
    await conn.query("SELECT 1");
    await conn.end();
    return true;
  } catch (err) {
    return err.code || err.message;
  }
}

module.exports = { mysqlReachable, testMysqlUrl };
