#!/usr/bin/env node
// `npm start`: build what is missing or stale, then run the server. Sandbox mode unless the
// environment sets SANDBOX; the server migrates its database at start and prints the URLs.
const { spawnSync } = require("node:child_process");
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

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

/** Newest modification time under a folder (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith("dist")) continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

process.env.SANDBOX ??= "1";
step("compiling the server (tsc -b)", process.execPath, [require.resolve("typescript/bin/tsc"), "-b"]);
const h5Index = join(root, "miniprogram/dist-h5/index.html");
const h5Built = existsSync(h5Index) ? statSync(h5Index).mtimeMs : 0;
if (h5Built < Math.max(newest(join(root, "miniprogram/src")), newest(join(root, "shared/src")), newest(join(root, "miniprogram/config")))) {
  step("building the mini-program for H5 (webpack)", "npm", ["run", "build:h5", "-w", "miniprogram"]);
}
require(join(root, "server/dist/main.js"));
