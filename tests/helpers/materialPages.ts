import type { Browser, Page } from "playwright-core";
import type { TestApp } from "./app";
import { WECHAT_UA } from "./tracking";
import { waitFor } from "./waitFor";
import { CustomerFollow } from "../../server/src/customers/follow.entity";

type BrowserStorage = { localStorage: { setItem(key: string, value: string): void; getItem(key: string): string | null } };

/**
 * A page that looks like a phone in WeChat. Headless Chromium says "HeadlessChrome" in its
 * User-Agent, which the tracking counts as a bot (stored, but left out of viewers and alerts).
 */
export async function phonePage(browser: Browser, app: TestApp, session?: string): Promise<Page> {
  const page = await browser.newPage({ userAgent: WECHAT_UA });
  if (session) {
    await page.goto(app.url + "/");
    await page.evaluate((t) => (globalThis as unknown as BrowserStorage).localStorage.setItem("scrm.session", JSON.stringify({ data: t })), session);
  }
  return page;
}

/** The session the page's client holds (Taro's H5 storage keeps `{ data }`), if any. */
export async function sessionOf(page: Page): Promise<string | undefined> {
  const kept = await page.evaluate(() => (globalThis as unknown as BrowserStorage).localStorage.getItem("scrm.session"));
  return kept ? (JSON.parse(kept) as { data: string }).data : undefined;
}

/**
 * The customer on a landing page adds the adviser its contact QR shows, as WeCom would tell us:
 * the simulator finds the contact way by its QR and sends the add event; answers the relation made.
 */
export async function addsAdviserShown(app: TestApp, page: Page, name: string): Promise<CustomerFollow> {
  const qr = page.locator("#landing-qr img");
  await qr.waitFor({ timeout: 20_000 });
  const qrCode = await qr.getAttribute("src");
  const sim = app.deps.wecomSimulator!;
  const way = sim.contactWays().find((w) => w.qr_code === qrCode);
  if (!way) throw new Error(`no contact way has the QR ${qrCode}`);
  const fields = (await sim.customerAddsStaff({ configId: way.config_id, name })).fields as Record<string, string>;
  return waitFor(() => app.deps.db.manager.findOneBy(CustomerFollow, { externalUserId: fields.ExternalUserID }), 10_000);
}

/** Hides the page as a phone does when WeChat goes to the background (the browser's visibilitychange). */
export async function hidePage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { dispatchEvent(e: unknown): void } }).document;
    Object.defineProperty(doc, "visibilityState", { configurable: true, get: () => "hidden" });
    doc.dispatchEvent(new (globalThis as unknown as { Event: new (type: string, init: { bubbles: boolean }) => unknown }).Event("visibilitychange", { bubbles: true }));
  });
}
