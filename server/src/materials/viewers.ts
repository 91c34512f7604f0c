import type { ParameterizedContext } from "koa";
import type { SessionUser } from "@scrm/shared";
import type { Sessions } from "../auth/sessions";
import type { ViewerExclusion } from "./event.entity";

/** Viewer keys: a logged-in customer (their surviving OneID record), a device not logged in, a staff member. */
export const customerKey = (customerId: string) => `c:${customerId}`;
export const deviceKey = (deviceId: string) => `d:${deviceId}`;
export const staffKey = (userid: string) => `s:${userid}`;

/**
 * User-Agent markers of obvious bots: no User-Agent at all, search and link-preview crawlers
 * (…bot, spider, crawl, slurp, facebookexternalhit, preview), headless and automated browsers
 * (HeadlessChrome, PhantomJS, Puppeteer, Playwright, Selenium, Lighthouse) and plain HTTP tools
 * and libraries (curl, Wget, python-requests, Go-http-client, okhttp, Java, libwww, Apache
 * HttpClient, axios). A real viewer is WeChat's mini-program or browser (MicroMessenger), or a
 * desktop or mobile browser. It is a heuristic: such events are stored, marked `bot`, and left
 * out of unique viewers and alerts, never refused.
 */
const BOT_MARKERS =
  /bot\b|bot\/|crawl|spider|slurp|facebookexternalhit|preview|headless|phantomjs|puppeteer|playwright|selenium|webdriver|lighthouse|curl\/|wget\/|python-|go-http-client|okhttp|^java\/|libwww|httpclient|axios\//i;

export function isBotAgent(userAgent: string | undefined): boolean {
  const ua = userAgent?.trim() ?? "";
  return ua === "" || BOT_MARKERS.test(ua);
}

/** Who sent an event: a customer (already resolved to their surviving record), a staff member, or nobody signed in. */
export type EventViewer = { kind: "customer"; customerId: string } | { kind: "staff"; userid: string } | { kind: "anonymous" };

export function viewerKeyOf(viewer: EventViewer, deviceId: string): string {
  if (viewer.kind === "customer") return customerKey(viewer.customerId);
  if (viewer.kind === "staff") return staffKey(viewer.userid);
  return deviceKey(deviceId);
}

/** Staff's own views first (whatever their browser), then bots. */
export function exclusionOf(viewer: EventViewer, userAgent: string | undefined): ViewerExclusion | null {
  if (viewer.kind === "staff") return "staff";
  return isBotAgent(userAgent) ? "bot" : null;
}

/**
 * The session on a public route, when the request carries one: viewers need not be logged in, so
 * a missing, unknown or expired bearer is simply nobody (the event still counts, anonymously).
 */
export async function optionalUser(sessions: Sessions, ctx: ParameterizedContext): Promise<SessionUser | undefined> {
  const [scheme, token] = ctx.get("Authorization").split(" ");
  if (scheme !== "Bearer" || !token) return undefined;
  return sessions.authenticate(token);
}
