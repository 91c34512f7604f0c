import type { Page } from "playwright-core";
import { useBrowserTest } from "../helpers/browser";
import { waitFor } from "../helpers/waitFor";
import { CouponClaim } from "../../server/src/coupons/claim.entity";
import { CustomerIdentity } from "../../server/src/customers/customer.entity";
import { OutboxJob } from "../../server/src/platform/outbox/outboxJob.entity";

const e2e = useBrowserTest();
const { pageSignedInAs, signIn, post } = e2e;

test("a customer claims on the landing page, shows the code, a staff member redeems it, the manager sees it", async () => {
  e2e.app.deps.clock.set(new Date("2026-11-26T02:00:00Z"));
  const manager = await signIn({ role: "manager" });
  const period = { startsAt: "2026-01-01T00:00:00Z", endsAt: "2027-12-31T00:00:00Z" };
  const { campaign } = await post<{ campaign: { id: string } }>("/api/campaigns", { name: "优惠券活动", ...period }, manager);
  const { channel } = await post<{ channel: { id: string; state: string } }>(
    "/api/channels",
    { campaignId: campaign.id, name: "门店海报", kind: "poster", ...period, staffPool: ["LiNa"], routing: { kind: "round_robin" }, welcome: { text: "欢迎！" } },
    manager,
  );
  const { stock } = await post<{ stock: { id: string } }>(
    "/api/coupon-stocks",
    {
      campaignId: campaign.id,
      name: "到店满减券",
      kind: "own",
      benefit: { kind: "amount_off", amountFen: 2000, minSpendFen: 10000 },
      validity: { kind: "days_after_claim", days: 30 },
      total: 100,
      perCustomerLimit: 1,
      channelIds: [channel.id],
    },
    manager,
  );

  // The customer: the first claim is taken by the server but its answer is lost on the way back.
  const customer = await customerPage();
  const codeRequests: string[] = [];
  customer.on("request", (r) => {
    if (/\/api\/coupons\/mine\/[^/]+\/code$/.test(r.url())) codeRequests.push(r.url());
  });
  const claimKeys: string[] = [];
  await customer.route("**/api/coupons/claim", async (route) => {
    claimKeys.push(route.request().headers()["idempotency-key"]);
    if (claimKeys.length === 1) {
      await route.fetch();
      await route.abort("connectionreset");
    } else {
      await route.continue();
    }
  });
  await customer.goto(`${e2e.app.url}/#/pages/landing/index?state=${channel.state}`);
  const offer = customer.locator('[data-testid="coupon-offer"]');
  await offer.waitFor({ timeout: 20_000 });
  expect(await offer.textContent()).toContain("满100减20");
  await offer.locator(".claim-button").click();
  await offer.locator("text=重试领取").waitFor({ timeout: 10_000 });
  await offer.locator(".claim-button").click();
  await offer.locator("text=领取成功").waitFor({ timeout: 10_000 });
  expect(claimKeys).toHaveLength(2);
  expect(claimKeys[0]).toMatch(/^.{8,64}$/);
  expect(claimKeys[1]).toBe(claimKeys[0]); // a retry is the same claim, not a second one

  await offer.locator(".go-my-coupons").click();
  await customer.waitForSelector('[data-testid="my-coupon"]', { timeout: 10_000 });
  expect(await customer.locator('[data-testid="my-coupon"]').count()).toBe(1);
  await customer.click('[data-testid="my-coupon"][data-status="valid"]');
  const codeText = customer.locator("#redeem-code-text");
  await codeText.waitFor({ timeout: 10_000 });
  const code = ((await codeText.textContent()) ?? "").trim();
  expect(code.length).toBeGreaterThanOrEqual(10);
  expect(await customer.getAttribute("#redeem-qr img", "src")).toMatch(/^data:image\/png;base64,/);

  // The staff member signs in through the home page's demo sign-in and redeems the typed code.
  const staff = await e2e.browser.newPage();
  await staff.goto(e2e.app.url + "/");
  await staff.click("#sign-in-LiNa", { timeout: 20_000 });
  await staff.click("#go-redeem", { timeout: 10_000 });
  await staff.fill("#redeem-store input", "静安店");
  await staff.fill("#redeem-code-input input", code);
  await staff.click("#redeem-submit");
  await staff.waitForSelector("#redemption", { timeout: 10_000 });
  const redemption = (await staff.textContent("#redemption")) ?? "";
  expect(redemption).toContain("核销成功");
  expect(redemption).toContain("到店满减券");
  expect(redemption).toContain("满100减20");
  expect(redemption).toContain("静安店");

  // The same code again: the coupon is used now.
  await staff.fill("#redeem-code-input input", code);
  await staff.click("#redeem-submit");
  await staff.waitForSelector("#redeem-error", { timeout: 10_000 });
  expect(await staff.textContent("#redeem-error")).toContain("该券已使用");

  // The customer's open page asks for its next code within a minute: refused, it shows the coupon used, in Chinese.
  const requestsBeforeRefresh = codeRequests.length;
  await customer.clock.fastForward(61_000);
  await customer.waitForSelector('#coupon-detail[data-status="used"]', { timeout: 10_000 });
  expect(codeRequests).toHaveLength(requestsBeforeRefresh + 1);
  expect(await customer.textContent("#coupon-state")).toMatch(/^已使用，使用时间 2026-11-26 10:0\d$/);
  expect(await customer.locator("#redeem-qr").count()).toBe(0);
  expect(await customer.textContent("#coupon-detail")).not.toMatch(/coupon/i);
  // ...and stops asking.
  await customer.clock.fastForward(61_000);
  await new Promise((r) => setTimeout(r, 300));
  expect(codeRequests).toHaveLength(requestsBeforeRefresh + 1);

  // The customer's list shows it under 已使用.
  await customer.goto(`${e2e.app.url}/#/pages/coupons/index`);
  await customer.click("#coupon-tab-used", { timeout: 10_000 });
  await customer.waitForSelector('[data-testid="my-coupon"][data-status="used"]', { timeout: 10_000 });
  expect(await customer.textContent('[data-testid="my-coupon"][data-status="used"]')).toContain("到店满减券");

  // The manager's stock page counts the redemption.
  const managerPage = await pageSignedInAs(manager);
  await managerPage.goto(`${e2e.app.url}/#/packages/manager/pages/stock/index?id=${stock.id}`);
  await managerPage.waitForSelector("#stock-redeemed", { timeout: 20_000 });
  expect(await managerPage.textContent("#stock-redeemed")).toBe("1");
  expect(await managerPage.textContent("#stock-remaining")).toBe("99 / 100");
}, 120_000);

test("a claim WeChat Pay refused says so and the next tap is a new claim; a coupon whose period has not begun shows when it can be used", async () => {
  e2e.app.deps.clock.set(new Date("2026-11-26T02:00:00Z"));
  const manager = await signIn({ role: "manager" });
  const period = { startsAt: "2026-01-01T00:00:00Z", endsAt: "2027-12-31T00:00:00Z" };
  const { campaign } = await post<{ campaign: { id: string } }>("/api/campaigns", { name: "微信支付券活动", ...period }, manager);
  const { channel } = await post<{ channel: { id: string; state: string } }>(
    "/api/channels",
    { campaignId: campaign.id, name: "商场海报", kind: "poster", ...period, staffPool: ["LiNa"], routing: { kind: "round_robin" }, welcome: { text: "欢迎！" } },
    manager,
  );
  const stockInput = { campaignId: campaign.id, total: 10, perCustomerLimit: 1, channelIds: [channel.id] };
  const { stock: payStock } = await post<{ stock: { id: string } }>(
    "/api/coupon-stocks",
    {
      ...stockInput,
      name: "微信支付满100减10",
      kind: "wechatpay",
      wechatpayStockId: "9865000",
      benefit: { kind: "amount_off", amountFen: 1000, minSpendFen: 10000 },
      validity: { kind: "days_after_claim", days: 30 },
    },
    manager,
  );
  const { stock: laterStock } = await post<{ stock: { id: string } }>(
    "/api/coupon-stocks",
    {
      ...stockInput,
      name: "明日起用券",
      kind: "own",
      benefit: { kind: "gift", gift: "帆布袋" },
      validity: { kind: "fixed", from: "2026-11-27T02:00:00Z", to: "2026-12-31T15:59:59Z" },
    },
    manager,
  );

  // WeChat Pay's risk control refuses this customer; their first claim is taken but its answer is lost.
  const customer = await customerPage();
  const payClaimKeys: string[] = [];
  await customer.route("**/api/coupons/claim", async (route) => {
    if ((route.request().postDataJSON() as { stockId: string }).stockId !== payStock.id) return route.continue();
    payClaimKeys.push(route.request().headers()["idempotency-key"]);
    if (payClaimKeys.length > 1) return route.continue();
    const user = await e2e.app.deps.sessions.authenticate((route.request().headers().authorization ?? "").replace(/^Bearer /, ""));
    const identity = await e2e.app.deps.db.manager.findOneByOrFail(CustomerIdentity, { customerId: user!.id, kind: "miniapp_openid" });
    e2e.app.deps.wechatpaySimulator!.markUserAbnormal(identity.value);
    await route.fetch();
    await route.abort("connectionreset");
  });
  await customer.goto(`${e2e.app.url}/#/pages/landing/index?state=${channel.state}`);
  const payOffer = customer.locator(`[data-testid="coupon-offer"][data-stock-id="${payStock.id}"]`);
  await payOffer.locator(".claim-button").click({ timeout: 20_000 });
  await payOffer.locator("text=重试领取").waitFor({ timeout: 10_000 });
  await waitFor(async () => {
    await e2e.app.deps.db.manager.update(OutboxJob, { state: "pending" }, { dueAt: new Date() });
    await e2e.app.deps.outbox.tick();
    return e2e.app.deps.db.manager.findOneBy(CouponClaim, { idempotencyKey: payClaimKeys[0], state: "failed" });
  }, 10_000);

  // The retry replays the key: answered 201 with the failed coupon, which is no success.
  await payOffer.locator(".claim-button").click();
  await payOffer.locator("text=发放失败，请稍后重试").waitFor({ timeout: 10_000 });
  expect(await payOffer.textContent()).not.toContain("领取成功");
  expect(payClaimKeys[1]).toBe(payClaimKeys[0]);

  // The next tap is a new claim, on its way to the card wallet.
  await payOffer.locator(".claim-button").click();
  await payOffer.locator("text=发放中").waitFor({ timeout: 10_000 });
  expect(payClaimKeys).toHaveLength(3);
  expect(payClaimKeys[2]).not.toBe(payClaimKeys[0]);
  expect(await payOffer.locator(".go-my-coupons").count()).toBe(1);

  // A coupon usable from tomorrow: listed as usable, marked 未到使用时间, with no code.
  const laterOffer = customer.locator(`[data-testid="coupon-offer"][data-stock-id="${laterStock.id}"]`);
  await laterOffer.locator(".claim-button").click();
  await laterOffer.locator("text=领取成功").waitFor({ timeout: 10_000 });
  await laterOffer.locator(".go-my-coupons").click();
  const laterRow = customer.locator('[data-testid="my-coupon"][data-coupon-name="明日起用券"]');
  await laterRow.waitFor({ timeout: 10_000 });
  expect(await laterRow.getAttribute("data-status")).toBe("not_yet");
  expect(await laterRow.textContent()).toContain("未到使用时间");
  expect(await laterRow.textContent()).toContain("2026-11-27 10:00 起可用");
  await laterRow.click();
  await customer.waitForSelector('#coupon-detail[data-status="not_yet"]', { timeout: 10_000 });
  expect(await customer.textContent("#coupon-usable-from")).toBe("2026-11-27 10:00 起可用");
  expect(await customer.locator("#redeem-qr").count()).toBe(0);
}, 60_000);

/**
 * A customer's browser page whose clock reads business time (a second ahead, so a coupon claimed now
 * has begun) and whose timers a test can fast-forward.
 */
async function customerPage(): Promise<Page> {
  const page = await e2e.browser.newPage();
  await page.clock.install({ time: e2e.app.deps.clock.now().getTime() + 1_000 });
  return page;
}

