import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { H5_DIST } from "../../server/src/app";
import { startTestApp, type TestApp } from "../helpers/app";
import { launchChromium } from "../helpers/browser";

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  const build = spawnSync("npm", ["run", "build:h5", "-w", "miniprogram"], { cwd: join(__dirname, "../.."), encoding: "utf8" });
  if (build.status !== 0) throw new Error(`H5 build failed:\n${build.stdout}\n${build.stderr}`);
  expect(existsSync(join(H5_DIST, "index.html"))).toBe(true);
  app = await startTestApp();
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

test("the H5 build served at / renders the service status from the API", async () => {
  app.deps.clock.set(new Date("2026-11-26T02:00:00Z")); // 10:00 in Shanghai, a Thursday
  const page = await browser.newPage();
  const apiCalls: string[] = [];
  page.on("request", (r) => r.url().includes("/api/") && apiCalls.push(new URL(r.url()).pathname));
  await page.goto(app.url + "/");
  await page.waitForSelector("#business-time", { timeout: 20_000 });
  expect(await page.textContent("#service-name")).toBe("SCRM");
  expect(await page.textContent("#business-time")).toBe("2026-11-26 10:00");
  expect(await page.textContent("#status")).toContain("沙箱模式");
  expect(await page.textContent("#status")).toContain("工作时间");
  expect(apiCalls).toContain("/api/status");
});
