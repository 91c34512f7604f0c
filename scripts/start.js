#!/usr/bin/env node
// `npm start`: build what is missing or stale, then run the server. Sandbox mode unless the
// environment sets SANDBOX; the server migrates its database at start and prints the URLs.
const { spawnSync } = require("node:child_process");
const { join } = require("node:path");
const { h5IsStale } = require("./h5");

const root = join(__dirname, "..");
const step = (label, cmd, args) => {
  const started = Date.now();
  process.stderr.write(`> ${label}\n`);
  const { status } = spawnSync(cmd, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: process.env });
  if (status !== 0) {
    process.stderr.write(`${label} failed (exit ${status})\n`);
    process.exit(status ?? 1);
  }
  process.stderr.write(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
};

process.env.SANDBOX ??= "1";
step("compiling the server (tsc -b)", process.execPath, [require.resolve("typescript/bin/tsc"), "-b"]);
if (h5IsStale()) {
  step("building the mini-program for H5 (webpack)", "npm", ["run", "build:h5", "-w", "miniprogram"]);
}
require(join(root, "server/dist/main.js"));
