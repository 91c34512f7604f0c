#!/usr/bin/env node
// `npm run bench -- <name>`: compiles, then runs bench/<name>.ts. Progress and logs go to stderr;
// the benchmark's only stdout line is its JSON result.
const { spawnSync } = require("node:child_process");
const { existsSync, readdirSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
const name = process.argv[2];
const available = readdirSync(join(root, "bench")).filter((f) => f.endsWith(".ts") && !f.startsWith("_")).map((f) => f.slice(0, -3));
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${available.join("|")}>\n`);
  process.exit(2);
}
const tsc = require.resolve("typescript/bin/tsc");
for (const args of [["-b"], ["-p", "bench"]]) {
  const { status } = spawnSync(process.execPath, [tsc, ...args], { cwd: root, stdio: ["ignore", 2, 2] });
  if (status !== 0) process.exit(status ?? 1);
}
const script = join(root, "bench/dist", `${name}.js`);
if (!existsSync(script)) throw new Error(`${script} was not built`);
const { status } = spawnSync(process.execPath, [script, ...process.argv.slice(3)], { cwd: root, stdio: "inherit" });
process.exit(status ?? 1);
