import { useBrowserTest } from "../helpers/browser";

const e2e = useBrowserTest();
const { pageSignedInAs, signIn, post } = e2e;

test("a staff member's poster invites a new customer, who sees it accepted; the manager's leaderboard renders", async () => {
  e2e.app.deps.clock.set(new Date("2026-11-26T02:00:00Z"));
  const manager = await signIn({ role: "manager" });
  const { campaign } = await post<{ campaign: { id: string } }>(
    "/api/campaigns",
    { name: "好友邀请活动", startsAt: "2026-01-01T00:00:00Z", endsAt: "2027-12-31T00:00:00Z" },
    manager,
  );

  // LiNa opens her referral page from the manager's link: her code, and the poster drawn with it.
  const staff = await pageSignedInAs(await signIn({ role: "staff", userId: "LiNa" }));
  await staff.goto(`${e2e.app.url}/#/packages/staff/pages/referral/index?campaignId=${campaign.id}`);
  const codeText = staff.locator("#referral-code");
  await codeText.waitFor({ timeout: 20_000 });
  const code = ((await codeText.textContent()) ?? "").trim();
  expect(code).toMatch(/^\S{4,32}$/);
  await staff.waitForSelector("#referral-poster img", { timeout: 20_000 });
  expect(await staff.getAttribute("#referral-poster img", "src")).toMatch(/^data:image\/png;base64,/);
  await staff.waitForSelector("#my-rank-place", { timeout: 10_000 });
  expect(await staff.textContent("#my-rank-place")).toBe("暂无排名");

  // A new customer opens her code: logged in through the mini-program simulator, recorded as her invitee.
  const customer = await e2e.browser.newPage();
  await customer.goto(`${e2e.app.url}/#/pages/invite/index?scene=${encodeURIComponent(code)}`);
  await customer.waitForSelector("#invite-outcome", { timeout: 20_000 });
  expect(await customer.textContent("#invite-outcome")).toBe("你已接受好友邀请");
  expect(await customer.getAttribute("#invite-outcome", "data-outcome")).toBe("recorded");

  // ...and can invite friends of their own, with a code of their own.
  await customer.click("#invite-my-card");
  await customer.waitForSelector("#referral-code", { timeout: 10_000 });
  const customerCode = ((await customer.textContent("#referral-code")) ?? "").trim();
  expect(customerCode).not.toBe(code);
  await customer.waitForSelector("#referral-poster img", { timeout: 20_000 });
  expect(await customer.textContent("#referral-card")).toContain("长按保存");

  // Opening it again changes nothing: the first touch is kept.
  await customer.reload();
  await customer.waitForSelector("#invite-outcome", { timeout: 20_000 });
  expect(await customer.getAttribute("#invite-outcome", "data-outcome")).toBe("already_referred");

  // LiNa's stats: one new customer brought in, not qualified yet.
  await staff.reload();
  await staff.waitForSelector("#my-new-score", { timeout: 20_000 });
  expect(await staff.textContent("#my-new-score")).toBe("带来新客户 1 位");
  expect(await staff.textContent("#my-new-place")).toBe("新客户榜第 1 名");
  expect(await staff.textContent("#my-rank-place")).toBe("暂无排名");

  // The manager's leaderboard: nobody qualifies before their invitee has stayed 7 days.
  const managerPage = await pageSignedInAs(manager);
  await managerPage.goto(`${e2e.app.url}/#/packages/manager/pages/leaderboard/index?campaignId=${campaign.id}`);
  await managerPage.waitForSelector("#leaderboard-empty", { timeout: 20_000 });
  await managerPage.click("#board-customer");
  await managerPage.click("#period-week");
  await managerPage.waitForSelector("#leaderboard-date", { timeout: 10_000 });
  await managerPage.waitForSelector("#leaderboard-empty", { timeout: 10_000 });
  expect(await managerPage.locator("#leaderboard-department").count()).toBe(0);
}, 120_000);

