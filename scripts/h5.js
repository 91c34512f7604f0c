#!/usr/bin/env node
// The mini-program's H5 build, served by the server in sandbox mode. `h5IsStale()` says whether its
// sources changed since the last build; run directly, this script builds only when they did
// (`npm start` and the browser tests share it).
const { spawnSync } = require("node:child_process");
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");

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

function h5IsStale() {
  const index = join(root, "miniprogram/dist-h5/index.html");
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  return built < Math.max(newest(join(root, "miniprogram/src")), newest(join(root, "shared/src")), newest(join(root, "miniprogram/config")));
}

module.exports = { h5IsStale };

if (require.main === module && h5IsStale()) {
  const { status } = spawnSync("npm", ["run", "build:h5", "-w", "miniprogram"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  process.exit(status ?? 1);
}
