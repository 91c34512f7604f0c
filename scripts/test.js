#!/usr/bin/env node
// `npm test`: compile and type-check everything, then run the jest projects (SQLite, MySQL, e2e).
// Extra arguments go to jest, e.g. `npm test -- --selectProjects sqlite tests/server/auth`.
const { spawnSync } = require("node:child_process");

const node = (script, args) => spawnSync(process.execPath, [require.resolve(script), ...args], { stdio: "inherit", env: process.env }).status ?? 1;

function main() {
  process.stderr.write("> type-checking and compiling (tsc -b; tests; miniprogram)\n");
  for (const args of [["-b"], ["-p", "tests"], ["-p", "miniprogram", "--noEmit"]]) {
    if (node("typescript/bin/tsc", args) !== 0) {
      process.stdout.write("\n0 passed, 1 failed\n");
      return 1;
    }
  }
  return node("jest/bin/jest", process.argv.slice(2));
}

process.exit(main());
