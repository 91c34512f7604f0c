import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { H5_DIST } from "../../server/src/app";
import { syncDirectory } from "../../server/src/wecom/directory/sync";
import { startTestApp, type TestApp } from "./app";

/** Debian's Chromium, headless, with no outside network of its own. Never `playwright install`. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });

export interface BrowserTest {
  app: TestApp;
  browser: Browser;
  /** A page whose client already holds the session, where Taro's H5 storage keeps it. */
  pageSignedInAs(token: string): Promise<Page>;
  /** A sandbox session (`POST /api/sandbox/login`). */
  signIn(body: { role: string; userId?: string }): Promise<string>;
  /** A JSON POST to our API that must succeed. */
  post<T>(path: string, body: unknown, token?: string): Promise<T>;
  close(): Promise<void>;
}

type BrowserStorage = { localStorage: { setItem(key: string, value: string): void } };

/**
 * What a browser test needs: the H5 build (rebuilt only when its sources changed, as `npm start`
 * does), the whole server with the demo corp synced as at start-up, and Chromium.
 */
export async function startBrowserTest(): Promise<BrowserTest> {
  const root = join(__dirname, "../..");
  const build = spawnSync(process.execPath, [join(root, "scripts/h5.js")], { cwd: root, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`H5 build failed:\n${build.stdout}\n${build.stderr}`);
  if (!existsSync(join(H5_DIST, "index.html"))) throw new Error(`no H5 build in ${H5_DIST}`);
  const app = await startTestApp();
  await syncDirectory(app.deps);
  const browser = await launchChromium();
  const post = async <T>(path: string, body: unknown, token?: string): Promise<T> => {
    const answer = await fetch(app.url + path, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!answer.ok) throw new Error(`${path} answered ${answer.status}: ${await answer.text()}`);
    return (await answer.json()) as T;
  };
  return {
    app,
    browser,
    post,
    signIn: async (body) => (await post<{ token: string }>("/api/sandbox/login", body)).token,
    pageSignedInAs: async (token) => {
      const page = await browser.newPage();
      await page.goto(app.url + "/");
      await page.evaluate((t) => (globalThis as unknown as BrowserStorage).localStorage.setItem("scrm.session", JSON.stringify({ data: t })), token);
      return page;
    },
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}

/**
 * Starts the browser test around a test file (beforeAll/afterAll) and answers its handle: `app`
 * and `browser` read once the suite has started.
 */
export function useBrowserTest(): BrowserTest {
  let world: BrowserTest | undefined;
  beforeAll(async () => {
    world = await startBrowserTest();
  }, 240_000);
  afterAll(() => world?.close());
  const started = (): BrowserTest => {
    if (!world) throw new Error("the browser test has not started (use it inside tests)");
    return world;
  };
  return {
    get app() {
      return started().app;
    },
    get browser() {
      return started().browser;
    },
    pageSignedInAs: (token) => started().pageSignedInAs(token),
    signIn: (body) => started().signIn(body),
    post: (path, body, token) => started().post(path, body, token),
    close: () => started().close(),
  };
}
