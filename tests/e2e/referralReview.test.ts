import { randomUUID } from "node:crypto";
import { useBrowserTest } from "../helpers/browser";
import { miniappCustomer } from "../helpers/referrals";
import { waitFor } from "../helpers/waitFor";
import { Referral } from "../../server/src/referrals/referral.entity";

const e2e = useBrowserTest();
const { pageSignedInAs, signIn, post } = e2e;

/** A JSON call to our API that must succeed. */
async function api<T>(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const answer = await fetch(e2e.app.url + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!answer.ok) throw new Error(`${method} ${path} answered ${answer.status}: ${await answer.text()}`);
  return (await answer.json()) as T;
}

/** A live campaign of the manager's, and LiNa's referral code in it. */
async function campaignWithCode(manager: string, name: string): Promise<{ campaignId: string; code: string }> {
  const { campaign } = await post<{ campaign: { id: string } }>("/api/campaigns", { name, startsAt: "2026-01-01T00:00:00Z", endsAt: "2027-12-31T00:00:00Z" }, manager);
  const lina = await signIn({ role: "staff", userId: "LiNa" });
  const { code } = await api<{ code: string }>("GET", `/api/campaigns/${campaign.id}/my-referral`, lina);
  return { campaignId: campaign.id, code };
}

/** A brand-new mini-program customer opens the code over HTTP, from the given device. */
async function newCustomerOpens(code: string, device: string): Promise<{ outcome: string; customerId: string }> {
  const { token, customerId } = await miniappCustomer(e2e.app);
  const { outcome } = await api<{ outcome: string }>("POST", "/api/referrals/open", token, { code }, { "X-Device-Id": device });
  return { outcome, customerId };
}

beforeEach(() => e2e.app.deps.clock.set(new Date("2026-11-26T02:00:00Z")));

test("the manager's leaderboard switches from qualified invitees to new customers", async () => {
  const manager = await signIn({ role: "manager" });
  const { campaignId, code } = await campaignWithCode(manager, "新客户榜活动");
  expect((await newCustomerOpens(code, randomUUID().replace(/-/g, ""))).outcome).toBe("recorded");

  const page = await pageSignedInAs(manager);
  await page.goto(`${e2e.app.url}/#/packages/manager/pages/leaderboard/index?campaignId=${campaignId}`);
  // Nobody qualifies before their invitee has stayed the qualifying days...
  await page.waitForSelector('#leaderboard-empty[data-metric="qualified"]', { timeout: 20_000 });
  // ...but LiNa already brought one new customer.
  await page.click("#metric-new");
  await page.waitForSelector('#leaderboard-list[data-metric="new"]', { timeout: 10_000 });
  const rows = page.locator('[data-testid="leaderboard-row"]');
  expect(await rows.count()).toBe(1);
  expect(await rows.first().textContent()).toMatch(/^1\. 李娜\s*1$/);
  expect(await page.textContent("#leaderboard-list")).toContain("新客户");

  // Back to qualified invitees: the board is empty again.
  await page.click("#metric-qualified");
  await page.waitForSelector('#leaderboard-empty[data-metric="qualified"]', { timeout: 10_000 });
}, 120_000);

test("the manager tightens the burst limit, then voids a flagged referral with a reason from the suspicious page", async () => {
  const manager = await signIn({ role: "manager" });
  const { campaignId, code } = await campaignWithCode(manager, "风控活动");

  // The policy form on the campaign page: the server's judgement shows next to the field.
  const page = await pageSignedInAs(manager);
  await page.goto(`${e2e.app.url}/#/packages/manager/pages/campaign/index?id=${campaignId}`);
  await page.waitForSelector("#policy-burstLimit input", { timeout: 20_000 });
  expect(await page.inputValue("#policy-burstLimit input")).toBe("5");
  expect(await page.inputValue("#policy-inviteCap input")).toBe("");
  await page.fill("#policy-burstLimit input", "1");
  await page.click("#policy-save");
  await page.waitForSelector('[data-field-error="burstLimit"]', { timeout: 10_000 });
  await page.fill("#policy-burstLimit input", "2");
  await page.click("#policy-save");
  await page.waitForSelector("#policy-message:has-text('邀请规则已保存')", { timeout: 10_000 });
  expect(await page.locator('[data-field-error="burstLimit"]').count()).toBe(0);
  expect((await api<{ burstLimit: number; inviteCap: number | null }>("GET", `/api/campaigns/${campaignId}/referral-policy`, manager)).burstLimit).toBe(2);

  // Two "new customers" from one phone within minutes: both held for review.
  const device = "e2e-one-phone-" + randomUUID().slice(0, 8);
  const first = await newCustomerOpens(code, device);
  const second = await newCustomerOpens(code, device);
  expect([first.outcome, second.outcome]).toEqual(["recorded", "recorded"]);
  const referral = await e2e.app.deps.db.manager.findOneByOrFail(Referral, { campaignId, inviteeId: second.customerId });
  expect(referral.device).toBe(device);

  // The campaign page links to the suspicious page.
  await page.click("#go-suspicious");
  await page.waitForSelector('[data-testid="suspicious-row"]', { timeout: 20_000 });
  expect(await page.locator('[data-testid="suspicious-row"]').count()).toBe(2);
  const row = page.locator(`[data-testid="suspicious-row"][data-referral-id="${referral.id}"]`);
  expect(await row.locator('[data-testid="suspicious-flags"]').textContent()).toContain("同一设备短时间大量邀请");
  expect(await row.textContent()).toContain("李娜");
  expect(await row.textContent()).toContain(device);

  // Tapped, it shows its audit trail: flagged by the system.
  await row.locator('[data-testid="suspicious-summary"]').click();
  await row.locator('[data-testid="audit-entry"][data-action="flagged"]').first().waitFor({ timeout: 10_000 });

  // Voiding asks for a reason of 2–200 characters.
  await row.locator('[data-testid="suspicious-void"]').click();
  await row.locator('[data-testid="review-form"] input').fill("x");
  await row.locator('[data-testid="review-confirm"]').click();
  await row.locator('[data-testid="review-error"]').waitFor({ timeout: 5_000 });
  const reason = "同一台手机批量注册";
  await row.locator('[data-testid="review-form"] input').fill(reason);
  await row.locator('[data-testid="review-confirm"]').click();

  // It leaves the list; what was done shows below with the reason in its audit trail.
  const reviewed = page.locator(`[data-testid="reviewed-row"][data-referral-id="${referral.id}"]`);
  await reviewed.locator('[data-testid="audit-entry"][data-action="voided"]').waitFor({ timeout: 10_000 });
  expect(await reviewed.locator('[data-testid="audit-entry"][data-action="voided"]').textContent()).toContain(reason);
  expect(await reviewed.getAttribute("data-review")).toBe("void");
  await waitFor(async () => (await page.locator(`#suspicious-list [data-referral-id="${referral.id}"]`).count()) === 0, 10_000);
  expect(await page.locator('#suspicious-list [data-testid="suspicious-row"]').count()).toBe(1);

  // The server agrees: voided, no longer listed, the reason audited.
  expect((await e2e.app.deps.db.manager.findOneByOrFail(Referral, { id: referral.id })).state).toBe("voided");
  const list = await api<{ referrals: Array<{ id: string }> }>("GET", `/api/campaigns/${campaignId}/suspicious`, manager);
  expect(list.referrals.map((r) => r.id)).not.toContain(referral.id);
  const audit = await api<{ entries: Array<{ action: string; reason: string }> }>("GET", `/api/referrals/${referral.id}/audit`, manager);
  expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(["flagged", "voided"]));
  expect(audit.entries.find((e) => e.action === "voided")?.reason).toBe(reason);

  // After a reload the page lists only the one left.
  await page.reload();
  await page.waitForSelector('[data-testid="suspicious-row"]', { timeout: 20_000 });
  expect(await page.locator('[data-testid="suspicious-row"]').count()).toBe(1);
  expect(await page.locator(`[data-testid="suspicious-row"][data-referral-id="${referral.id}"]`).count()).toBe(0);
}, 120_000);

test("the sandbox console opens a referral code as a brand-new customer, who is recorded as the invitee", async () => {
  const manager = await signIn({ role: "manager" });
  const { campaignId, code } = await campaignWithCode(manager, "控制台邀请活动");

  const console = await e2e.browser.newPage();
  await console.goto(e2e.app.url + "/sandbox/console");
  await console.fill("#invite-code", code);
  const [invite] = await Promise.all([console.waitForEvent("popup", { timeout: 10_000 }), console.click("#open-invite")]);
  await invite.waitForSelector("#invite-outcome", { timeout: 20_000 });
  expect(await invite.getAttribute("#invite-outcome", "data-outcome")).toBe("recorded");
  expect(await invite.textContent("#invite-outcome")).toBe("你已接受好友邀请");
  expect(invite.url()).toContain(`/#/pages/invite/index?code=${encodeURIComponent(code)}`);

  // Recorded for LiNa, from the new customer's own (sandbox) phone.
  const referral = await waitFor(() => e2e.app.deps.db.manager.findOneBy(Referral, { campaignId }));
  expect(referral.referrerKind).toBe("staff");
  expect(referral.referrerId).toBe("LiNa");
  expect(referral.device).toMatch(/^[0-9a-f]{32}$/);

  // A second new customer from the console is another customer on another phone.
  const [again] = await Promise.all([console.waitForEvent("popup", { timeout: 10_000 }), console.click("#open-invite")]);
  await again.waitForSelector('#invite-outcome[data-outcome="recorded"]', { timeout: 20_000 });
  const both = await e2e.app.deps.db.manager.findBy(Referral, { campaignId });
  expect(both).toHaveLength(2);
  expect(new Set(both.map((r) => r.inviteeId)).size).toBe(2);
  expect(new Set(both.map((r) => r.device)).size).toBe(2);

  // The demo staff's codes are listed with the same button.
  await console.click("#load-codes");
  await console.waitForSelector(`[data-open-code="${code}"]`, { timeout: 10_000 });
}, 120_000);

test("the invite page sends its own device id, and tells a customer when their friend invites too fast", async () => {
  const manager = await signIn({ role: "manager" });
  const { campaignId, code } = await campaignWithCode(manager, "限速活动");
  await api("PUT", `/api/campaigns/${campaignId}/referral-policy`, manager, { qualifyDays: 7, inviterHourlyLimit: 1, burstLimit: 5, inviteCap: null });

  // A fresh install makes its device id once and sends it with the referral.
  const first = await e2e.browser.newPage();
  await first.goto(`${e2e.app.url}/#/pages/invite/index?code=${encodeURIComponent(code)}`);
  await first.waitForSelector('#invite-outcome[data-outcome="recorded"]', { timeout: 20_000 });
  const referral = await e2e.app.deps.db.manager.findOneByOrFail(Referral, { campaignId });
  expect(referral.device).toMatch(/^[0-9a-f]{32}$/);
  const kept = await first.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem("scrm.deviceId"));
  expect(JSON.parse(kept ?? "{}").data).toBe(referral.device);

  // LiNa may bring one invitee an hour: the next friend is told to try later, and may.
  const second = await e2e.browser.newPage();
  await second.goto(`${e2e.app.url}/#/pages/invite/index?code=${encodeURIComponent(code)}`);
  await second.waitForSelector('#invite-outcome[data-outcome="rate_limited"]', { timeout: 20_000 });
  expect(await second.textContent("#invite-outcome")).toBe("邀请过于频繁，请稍后再试");
  e2e.app.deps.clock.set(new Date("2026-11-26T03:01:00Z"));
  await second.click("#invite-retry");
  await second.waitForSelector('#invite-outcome[data-outcome="recorded"]', { timeout: 20_000 });
  expect(await e2e.app.deps.db.manager.countBy(Referral, { campaignId })).toBe(2);
}, 120_000);
