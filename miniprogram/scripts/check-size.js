#!/usr/bin/env node
// Fails when the weapp main package (dist/ minus the subpackage roots declared in app.json) is over
// budget. WeChat refuses a main package over 2 MB; the budget keeps headroom below that.
const fs = require('node:fs')
const path = require('node:path')

const LIMIT_BYTES = 1.5 * 1024 * 1024
const dist = path.resolve(__dirname, '..', 'dist')
const appJsonPath = path.join(dist, 'app.json')

if (!fs.existsSync(appJsonPath)) {
  console.error(`check-size: ${appJsonPath} not found; run \`npm run build:weapp\` first`)
  process.exit(1)
}

const appJson = JSON.parse(fs.readFileSync(appJsonPath, 'utf8'))
const subpackageRoots = new Set(
  (appJson.subPackages ?? appJson.subpackages ?? []).map((sub) => path.join(dist, sub.root)),
)

function sizeOf(dir) {
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (!subpackageRoots.has(full)) total += sizeOf(full)
    } else if (entry.isFile()) {
      total += fs.statSync(full).size
    }
  }
  return total
}

const size = sizeOf(dist)
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`
const verdict = size > LIMIT_BYTES ? 'over budget' : 'ok'
console.log(`weapp main package: ${kib(size)} of ${kib(LIMIT_BYTES)} (${verdict})`)
process.exit(size > LIMIT_BYTES ? 1 : 0)
