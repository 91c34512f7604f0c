import type { FollowupPlanResults, FollowupPlanView, StockView } from "@scrm/shared";
import { useBrowserTest } from "../helpers/browser";
import { buildCampaign, buildStock } from "../helpers/coupons";
import { claimed, contactThrough, messagesTo, planByKey, tasksOf, THURSDAY_10AM } from "../helpers/followups";
import { advanceClockTo, advanceInConsole, apiCall, openSignedIn } from "../helpers/followupPages";
import { sessionOf } from "../helpers/materialPages";
import { buildChannel } from "../helpers/referrals";
import { waitFor } from "../helpers/waitFor";
import { FollowupTask } from "../../server/src/followups/task.entity";

const e2e = useBrowserTest();
const { signIn } = e2e;

let manager: string;
let state: string;
let stock: StockView;

beforeAll(async () => {
  e2e.app.deps.clock.set(THURSDAY_10AM);
  manager = await signIn({ role: "manager" });
  const campaignId = await buildCampaign(e2e.app, manager, "跟进演示活动");
  state = await buildChannel(e2e.app, manager, campaignId);
  stock = await buildStock(e2e.app, manager, campaignId, { name: "到店满100减10" });
});
beforeEach(() => e2e.app.deps.clock.set(THURSDAY_10AM));

/** The unused-coupon reminder as seeded (the first test keeps its wording). */
const DEFAULT_REMINDER = "{customerName}您好，您领取的「{coupon}」还没有使用哦，到店出示即可抵扣，有任何问题随时找我～";
/** `2026-11-29 10:00`: business time as the pages show it. */
const shanghaiText = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");

const plans = async () => (await apiCall<{ plans: FollowupPlanView[] }>(e2e.app, "GET", "/api/followup-plans", manager)).plans;

test("a manager shortens the unused-coupon reminder to 48 hours; a wrong template variable is refused under the field; the list shows version 2", async () => {
  const page = await openSignedIn(e2e, manager, "packages/manager/pages/home/index");
  await page.click("#go-followup-plans", { timeout: 20_000 });
  const row = page.locator('[data-testid="followup-plan"][data-plan-key="claimed_not_redeemed"]');
  await row.waitFor({ timeout: 20_000 });
  expect(await row.getAttribute("data-version")).toBe("1");
  expect(await row.textContent()).toContain("领取优惠券");
  await row.locator('[data-testid="plan-edit"]').click();

  await page.waitForSelector("#step-0-amount input", { timeout: 20_000 });
  expect(await page.inputValue("#step-0-amount input")).toBe("72");
  await page.fill("#step-0-amount input", "48");
  await page.fill("#step-0-template textarea", "{name}您好，您领取的「{coupon}」还没有使用哦");
  await page.click("#plan-save");
  const error = page.locator('[data-field-error="steps.0.template"]');
  await error.waitFor({ timeout: 10_000 });
  expect(await error.textContent()).toContain("{customerName} {staffName} {coupon}");
  expect(await page.textContent("#plan-message")).toBe("请按提示修改后再保存");
  expect((await planByKey(e2e.app, "claimed_not_redeemed")).version).toBe(1);

  // A variable chip puts the right name in.
  await page.fill("#step-0-template textarea", "您好 ");
  await page.click('[data-testid="plan-step"][data-step="0"] [data-variable="customerName"]');
  expect(await page.inputValue("#step-0-template textarea")).toBe("您好 {customerName}");
  await page.fill("#step-0-template textarea", DEFAULT_REMINDER);
  await page.click("#plan-save");
  await page.waitForSelector("#plan-message:has-text('已保存为第 2 版')", { timeout: 10_000 });
  expect(await page.locator('[data-field-error="steps.0.template"]').count()).toBe(0);
  const saved = (await plans()).find((p) => p.key === "claimed_not_redeemed")!;
  expect(saved).toMatchObject({ version: 2, enabled: true, trigger: { kind: "coupon_claimed" } });
  expect(saved.steps).toEqual([expect.objectContaining({ delay: { amount: 48, unit: "hours" }, channel: "customer_message", template: DEFAULT_REMINDER })]);

  await page.goBack();
  await page.waitForSelector('[data-testid="followup-plan"][data-plan-key="claimed_not_redeemed"][data-version="2"]', { timeout: 20_000 });
  expect(await page.textContent('[data-testid="followup-plan"][data-plan-key="claimed_not_redeemed"] [data-testid="plan-summary"]')).toBe("1 个步骤 · 第 2 版");
}, 120_000);

test("a claimed coupon left unused: three days on the console's clock bring the reminder through WeCom, and the customer page shows it sent", async () => {
  const zhou = await contactThrough(e2e.app, state, "周小雨");
  await claimed(e2e.app, zhou.token, stock.id);
  const [reminder] = await tasksOf(e2e.app, zhou.customerId, "claimed_not_redeemed");
  expect(reminder.state).toBe("pending");

  const console = await e2e.browser.newPage();
  await console.goto(e2e.app.url + "/sandbox/console");
  await console.waitForSelector("#business-time[data-now]", { timeout: 10_000 });
  // Business time runs on from where the test set it.
  const shownTime = async () => Date.parse((await console.getAttribute("#business-time", "data-now"))!);
  expect(await shownTime()).toBeGreaterThanOrEqual(THURSDAY_10AM.getTime());
  expect(await shownTime()).toBeLessThan(THURSDAY_10AM.getTime() + 60_000);
  expect(await advanceInConsole(console, 24)).toBeGreaterThanOrEqual(0);
  expect(messagesTo(e2e.app, zhou.externalUserId)).toHaveLength(0);
  await advanceInConsole(console, 24);
  await advanceInConsole(console, 24);
  expect(await shownTime()).toBeGreaterThanOrEqual(THURSDAY_10AM.getTime() + 72 * 3_600_000);
  expect(await shownTime()).toBeLessThan(THURSDAY_10AM.getTime() + 72 * 3_600_000 + 60_000);
  expect(await console.textContent("#clock-result")).toMatch(/^已拨快 24 小时，处理了 \d+ 条到期的跟进$/);

  const [sent] = messagesTo(e2e.app, zhou.externalUserId);
  expect(sent.text?.content).toBe("周小雨您好，您领取的「到店满100减10」还没有使用哦，到店出示即可抵扣，有任何问题随时找我～");
  expect(sent.creator).toBe(zhou.staffUserId);

  const staff = await signIn({ role: "staff", userId: zhou.staffUserId });
  const page = await openSignedIn(e2e, staff, `packages/staff/pages/customer/index?id=${zhou.customerId}`);
  const card = page.locator(`#customer-followups [data-task-id="${reminder.id}"]`);
  await card.waitFor({ timeout: 20_000 });
  expect(await card.getAttribute("data-state")).toBe("sent");
  expect(await card.locator('[data-testid="followup-state"]').textContent()).toBe("已发送待确认");
  expect(await card.locator('[data-testid="followup-text"]').textContent()).toBe(sent.text?.content);
  expect(await card.locator('[data-testid="followup-when"]').textContent()).toBe(`发送于 ${shanghaiText((await e2e.app.deps.db.manager.findOneByOrFail(FollowupTask, { id: reminder.id })).sentAt!)}`);
}, 120_000);

test("a new contact waits two working hours: the staff member's tasks list the reminder, 已联系 on the customer page stops the manager's escalation", async () => {
  const wu = await contactThrough(e2e.app, state, "吴建国");
  const [staffStep, managerStep] = await tasksOf(e2e.app, wu.customerId, "lead_response");
  expect([staffStep.channel, managerStep.channel]).toEqual(["staff_task", "manager_task"]);
  expect(staffStep.dueAt.getTime() - e2e.app.deps.calendar.addWorkingHours(THURSDAY_10AM, 2).getTime()).toBeLessThan(60_000);

  await advanceClockTo(e2e.app, staffStep.dueAt);
  expect((await e2e.app.deps.db.manager.findOneByOrFail(FollowupTask, { id: staffStep.id })).state).toBe("done");

  const staff = await signIn({ role: "staff", userId: wu.staffUserId });
  const page = await openSignedIn(e2e, staff, "packages/staff/pages/home/index");
  await page.click("#go-my-tasks", { timeout: 20_000 });
  const task = page.locator(`#my-tasks [data-task-id="${staffStep.id}"]`);
  await task.waitFor({ timeout: 20_000 });
  expect(await task.getAttribute("data-plan")).toBe("新客户首次响应");
  expect(await task.locator('[data-testid="followup-state"]').textContent()).toBe("已提醒");
  expect(await task.locator('[data-testid="followup-text"]').textContent()).toBe("新客户吴建国已等待 2 个工作小时，请尽快联系并点「已联系」。");
  await task.locator('[data-testid="script-copy"]').click();
  await task.locator('[data-testid="script-copy"]:has-text("已复制")').waitFor({ timeout: 5_000 });

  // One tap opens the customer; the staff member marks them contacted.
  await task.locator('[data-testid="followup-title"]').click();
  await page.waitForSelector("#customer-name:has-text('吴建国')", { timeout: 20_000 });
  await page.click("#customer-contacted");
  await page.waitForSelector("#contacted-message:has-text('已记录联系')", { timeout: 10_000 });

  // The manager's step falls due and stops: the staff member already reached the customer.
  await advanceClockTo(e2e.app, managerStep.dueAt);
  expect(await e2e.app.deps.db.manager.findOneByOrFail(FollowupTask, { id: managerStep.id })).toMatchObject({ state: "stopped", reason: "contacted" });
  await page.reload();
  const stopped = page.locator(`#customer-followups [data-task-id="${managerStep.id}"]`);
  await stopped.waitFor({ timeout: 20_000 });
  expect(await stopped.getAttribute("data-state")).toBe("stopped");
  expect(await stopped.locator('[data-testid="followup-when"]').textContent()).toBe("员工已联系客户");
  expect(await page.locator('[data-testid="timeline-item"][data-kind="contacted"]').count()).toBe(1);
}, 120_000);

test("a lead nobody answered: the manager taps 改派 on the customer page, and when WeCom's handover completes the new staff member has the customer and its deadline", async () => {
  const qian = await contactThrough(e2e.app, state, "钱多");
  const to = qian.staffUserId === "LiNa" ? "WangFang" : "LiNa";
  const page = await openSignedIn(e2e, manager, `packages/staff/pages/customer/index?id=${qian.customerId}`);
  await page.waitForSelector("#customer-name:has-text('钱多')", { timeout: 20_000 });
  await page.click(`#customer-reassign [data-userid="${to}"]`, { timeout: 20_000 });
  await page.waitForSelector("#reassign-message:has-text('已申请改派')", { timeout: 10_000 });
  expect(e2e.app.deps.wecomSimulator!.transfers()).toEqual(
    expect.arrayContaining([expect.objectContaining({ handover_userid: qian.staffUserId, takeover_userid: to, external_userid: qian.externalUserId, status: 2 })]),
  );

  await e2e.app.deps.wecomSimulator!.transfersTakeOver();
  await e2e.app.deps.inboxWorker.tick();
  await page.reload();
  await page.waitForSelector("#customer-name:has-text('钱多')", { timeout: 20_000 });
  expect(await page.locator('[data-testid="timeline-item"][data-kind="reassigning"]').count()).toBe(1);
  const reminders = (await tasksOf(e2e.app, qian.customerId, "lead_response")).filter((t) => t.staffUserId === to);
  expect(reminders.map((t) => t.step)).toEqual([0, 1]);
  // A staff member sees no 改派.
  const staff = await signIn({ role: "staff", userId: to });
  const staffPage = await openSignedIn(e2e, staff, `packages/staff/pages/customer/index?id=${qian.customerId}`);
  await staffPage.waitForSelector("#customer-name:has-text('钱多')", { timeout: 20_000 });
  expect(await staffPage.locator("#customer-reassign").count()).toBe(0);
}, 120_000);

test("a plan's results page counts per step what was sent and what a customer's opt-out (their coupons page switch) stopped", async () => {
  const offer = await buildStock(e2e.app, manager, await buildCampaign(e2e.app, manager, "结果统计活动"), { name: "会员日9折券" });
  const { plan } = await apiCall<{ plan: FollowupPlanView }>(e2e.app, "POST", "/api/followup-plans", manager, {
    name: "领券一小时后问候",
    trigger: { kind: "coupon_claimed", stockId: offer.id },
    steps: [
      { delay: { amount: 1, unit: "hours" }, channel: "customer_message", template: "{customerName}，{coupon}已到账" },
      { delay: { amount: 2, unit: "hours" }, channel: "staff_task", template: "回访{customerName}", stopWhen: ["opted_out"] },
    ],
  });
  const stays = await contactThrough(e2e.app, state, "郑爽");
  const leaves = await contactThrough(e2e.app, state, "孙悦");
  await claimed(e2e.app, stays.token, offer.id);
  await claimed(e2e.app, leaves.token, offer.id);

  // 孙悦 turns follow-up messages off on their coupons page.
  const phone = await openSignedIn(e2e, leaves.token, "pages/coupons/index");
  await phone.waitForSelector('#followup-opt-out[data-opted-out="false"]', { timeout: 20_000 });
  await phone.click("#followup-opt-out-switch");
  await phone.waitForSelector('#followup-opt-out[data-opted-out="true"]', { timeout: 10_000 });
  expect(await apiCall(e2e.app, "GET", "/api/followups/opt-out", leaves.token)).toEqual({ optedOut: true });

  // Past both steps of both claims (made a moment after 10:00).
  await advanceClockTo(e2e.app, new Date(THURSDAY_10AM.getTime() + 2 * 3_600_000 + 5 * 60_000));
  expect(messagesTo(e2e.app, stays.externalUserId).map((m) => m.text?.content)).toEqual(["郑爽，会员日9折券已到账"]);
  expect(messagesTo(e2e.app, leaves.externalUserId)).toHaveLength(0);
  const results = await apiCall<FollowupPlanResults>(e2e.app, "GET", `/api/followup-plans/${plan.id}/results`, manager);
  expect(results).toMatchObject({ scheduled: 4, sent: 2, stopped: 2, failed: 0, converted: 0 });

  const page = await openSignedIn(e2e, manager, "packages/manager/pages/followup-plans/index");
  await page.locator(`[data-testid="followup-plan"]:has-text("领券一小时后问候") [data-testid="plan-results"]`).click({ timeout: 20_000 });
  await page.waitForSelector("#plan-results", { timeout: 20_000 });
  expect(await page.textContent("#results-plan-name")).toBe("领券一小时后问候 · 效果");
  const stat = (table: string, row: string, key: string) => page.getAttribute(`#${table} [data-row="${row}"] [data-stat="${key}"]`, "data-value");
  expect(await stat("plan-results-totals", "合计", "scheduled")).toBe("4");
  expect(await stat("plan-results-totals", "合计", "sent")).toBe("2");
  expect(await stat("plan-results-totals", "合计", "stopped")).toBe("2");
  expect(await stat("plan-results-totals", "合计", "converted")).toBe("0");
  const steps = page.locator('#plan-results-steps [data-row^="第 "]');
  expect(await steps.count()).toBe(2);
  for (const [i, row] of ["第 1 步 · 1 小时 · 客户消息（员工在企业微信确认发送）", "第 2 步 · 2 小时 · 员工任务（企业微信应用消息）"].entries()) {
    expect(await steps.nth(i).getAttribute("data-row")).toBe(row);
    expect(await stat("plan-results-steps", row, "sent")).toBe("1");
    expect(await stat("plan-results-steps", row, "stopped")).toBe("1");
    expect(await stat("plan-results-steps", row, "pending")).toBe("0");
  }
}, 120_000);

test("到期提醒我 on a coupon asks the phone's subscription dialog and records the one grant", async () => {
  // A phone opens the coupons page: the page logs the customer in through the simulated wx.login.
  const phone = await e2e.browser.newPage();
  await phone.goto(`${e2e.app.url}/#/pages/coupons/index`);
  await phone.waitForSelector("#my-coupons", { timeout: 20_000 });
  const token = await waitFor(() => sessionOf(phone), 10_000);
  const couponId = await claimed(e2e.app, token, stock.id);
  const remaining = async () => (await apiCall<{ templates: Array<{ key: string; remaining: number }> }>(e2e.app, "GET", "/api/subscriptions", token)).templates.find((t) => t.key === "coupon_expiring")?.remaining;
  expect(await remaining()).toBe(0);

  await phone.goto(`${e2e.app.url}/#/pages/coupon/index?id=${couponId}`);
  await phone.waitForSelector('#expiry-reminder[data-remaining="0"]', { timeout: 20_000 });
  expect(await phone.locator("#expiry-reminder-on").count()).toBe(0);
  await phone.click("#remind-before-expiry");
  await phone.waitForSelector("#expiry-reminder-on", { timeout: 10_000 });
  expect(await remaining()).toBe(1);
  // The simulated WeChat holds the grant for this customer's openid, so the expiry notice can go.
  const { templates } = await apiCall<{ templates: Array<{ key: string; templateId: string }> }>(e2e.app, "GET", "/api/subscriptions", token);
  const templateId = templates.find((t) => t.key === "coupon_expiring")!.templateId;
  const openid = await phone.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem("scrm.sandboxOpenid"));
  const grants = e2e.app.deps.miniappSimulator!.subscriptions().filter((g) => g.openid === JSON.parse(openid ?? "{}").data);
  expect(grants).toEqual([{ openid: JSON.parse(openid!).data, templateId, remaining: 1 }]);
}, 120_000);
