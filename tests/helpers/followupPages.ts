import type { Page } from "playwright-core";
import type { BrowserTest } from "./browser";
import type { TestApp } from "./app";

/** A JSON call to our API that must succeed. */
export async function apiCall<T>(app: TestApp, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const answer = await fetch(app.url + path, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!answer.ok) throw new Error(`${method} ${path} answered ${answer.status}: ${await answer.text()}`);
  return (await answer.json()) as T;
}

/** A page of the H5 build (`packages/staff/pages/tasks/index`…) opened with the session. */
export async function openSignedIn(e2e: BrowserTest, token: string, route: string): Promise<Page> {
  const page = await e2e.pageSignedInAs(token);
  await page.goto(`${e2e.app.url}/#/${route}`);
  return page;
}

/** Taps one of the sandbox console's clock buttons; answers how many due follow-ups the tick handled. */
export async function advanceInConsole(console: Page, hours: number): Promise<number> {
  const before = await console.getAttribute("#business-time", "data-now");
  await console.click(`[data-clock-hours="${hours}"]`);
  await console.waitForFunction((t) => (globalThis as unknown as { document: { getElementById(id: string): { dataset: { now?: string } } } }).document.getElementById("business-time").dataset.now !== t, before, { timeout: 10_000 });
  return Number(await console.getAttribute("#clock-result", "data-delivered"));
}

/** Moves business time on to `at` through the sandbox clock (what the console's buttons call), delivering what fell due. */
export const advanceClockTo = (app: TestApp, at: Date) =>
  apiCall<{ now: string; delivered: number }>(app, "POST", "/api/sandbox/clock", undefined, { hours: (at.getTime() - app.deps.clock.now().getTime()) / 3_600_000 });
