// Jest runs the same database suites on SQLite and on MySQL/MariaDB (two projects), plus the
// end-to-end suite once. MySQL comes from TEST_MYSQL_URL; without a reachable server the MySQL
// project is left out with a loud line, unless REQUIRE_MYSQL=1 makes that a failure.
const { mysqlReachable, testMysqlUrl } = require("./tests/setup/mysqlProbe");

const shared = {
  testEnvironment: "node",
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "<rootDir>/tests/tsconfig.json", diagnostics: false }] },
  moduleNameMapper: {
    "^@scrm/shared$": "<rootDir>/shared/src",
    "^@scrm/config$": "<rootDir>/config/src",
  },
  setupFiles: ["<rootDir>/tests/setup/networkGuard.ts"],
  rootDir: __dirname,
};

const project = (name, testMatch, extra = {}) => ({
  ...shared,
  displayName: name,
  testMatch,
  ...extra,
  setupFiles: [...shared.setupFiles, ...(extra.setupFiles ?? [])],
});

module.exports = async () => {
  const projects = [
    project("sqlite", ["<rootDir>/tests/server/**/*.test.ts", "<rootDir>/tests/config/**/*.test.ts"], {
      setupFiles: ["<rootDir>/tests/setup/useSqlite.ts"],
    }),
    project("e2e", ["<rootDir>/tests/e2e/**/*.test.ts"], { setupFiles: ["<rootDir>/tests/setup/useSqlite.ts"] }),
  ];
  const reachable = await mysqlReachable();
  if (reachable === true) {
    projects.splice(1, 0, project("mysql", ["<rootDir>/tests/server/**/*.test.ts"], { setupFiles: ["<rootDir>/tests/setup/useMysql.ts"] }));
  } else {
    const line = `!!! THE MYSQL SUITE DID NOT RUN: ${testMysqlUrl().replace(/\/\/[^@]*@/, "//***@")} is not reachable (${reachable}) !!!`;
    if (process.env.REQUIRE_MYSQL === "1") throw new Error(`${line}\nREQUIRE_MYSQL=1: a run without MySQL is a failure.`);
    process.stderr.write(`\n${"!".repeat(line.length)}\n${line}\n${"!".repeat(line.length)}\n\n`);
  }
  return {
    projects,
    reporters: ["default", "<rootDir>/tests/setup/summaryReporter.js"],
    testTimeout: 30_000,
  };
};
