import { useBrowserTest } from "../helpers/browser";
import { CustomerFollow } from "../../server/src/customers/follow.entity";
import { waitFor } from "../helpers/waitFor";

const e2e = useBrowserTest();

test("the H5 build served at / renders the service status from the API", async () => {
  e2e.app.deps.clock.set(new Date("2026-11-26T02:00:00Z")); // 10:00 in Shanghai, a Thursday
  const page = await e2e.browser.newPage();
  const apiCalls: string[] = [];
  page.on("request", (r) => r.url().includes("/api/") && apiCalls.push(new URL(r.url()).pathname));
  await page.goto(e2e.app.url + "/");
  await page.waitForSelector("#business-time", { timeout: 20_000 });
  expect(await page.textContent("#service-name")).toBe("SCRM");
  expect(await page.textContent("#business-time")).toBe("2026-11-26 10:00");
  expect(await page.textContent("#status")).toContain("沙箱模式");
  expect(await page.textContent("#status")).toContain("工作时间");
  expect(apiCalls).toContain("/api/status");
});

test("a scan in the sandbox console brings the customer into the staff member's page", async () => {
  const manager = (await (await fetch(`${e2e.app.url}/api/sandbox/login`, json({ role: "manager" }))).json()) as { token: string };
  const post = async (path: string, body: unknown) => (await (await fetch(e2e.app.url + path, json(body, manager.token))).json()) as Record<string, { id: string }>;
  const period = { startsAt: "2026-01-01T00:00:00Z", endsAt: "2027-12-31T00:00:00Z" };
  const { campaign } = await post("/api/campaigns", { name: "端到端活动", ...period });
  await post("/api/channels", {
    campaignId: campaign.id,
    name: "端到端展台",
    kind: "expo",
    ...period,
    staffPool: ["LiNa"],
    routing: { kind: "round_robin" },
    welcome: { text: "欢迎！" },
  });

  const console = await e2e.browser.newPage();
  await console.goto(e2e.app.url + "/sandbox/console");
  await console.click('[data-scan][data-channel="端到端展台"]', { timeout: 15_000 });
  const follow = await waitFor(() => e2e.app.deps.db.manager.findOne(CustomerFollow, { where: { staffUserId: "LiNa" }, order: { addedAt: "DESC" } }), 15_000);
  const customer = await e2e.app.deps.db.manager.query("SELECT name FROM customers WHERE id = ?", [follow.customerId]);

  const staff = (await (await fetch(`${e2e.app.url}/api/sandbox/login`, json({ role: "staff", userId: "LiNa" }))).json()) as { token: string };
  const page = await e2e.browser.newPage();
  await page.goto(e2e.app.url + "/");
  // Where Taro's H5 storage keeps the session the client sends.
  await page.evaluate((token) => (globalThis as unknown as BrowserStorage).localStorage.setItem("scrm.session", JSON.stringify({ data: token })), staff.token);
  await page.goto(e2e.app.url + "/#/packages/staff/pages/customers/index");
  await page.waitForSelector('[data-testid="customer-row"]', { timeout: 20_000 });
  const names = await page.$$eval('[data-testid="customer-row"]', (rows) => rows.map((r) => r.getAttribute("data-customer-name")));
  expect(names).toContain(customer[0].name);
}, 60_000);

type BrowserStorage = { localStorage: { setItem(key: string, value: string): void } };

const json = (body: unknown, token?: string): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});
