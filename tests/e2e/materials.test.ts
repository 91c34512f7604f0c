import type { MaterialView, ScoringRulesView } from "@scrm/shared";
import { useBrowserTest } from "../helpers/browser";
import { solidImage } from "../helpers/materials";

const e2e = useBrowserTest();
const { pageSignedInAs, signIn } = e2e;

/** A JSON GET of our API that must succeed. */
async function get<T>(path: string, token: string): Promise<T> {
  const answer = await fetch(e2e.app.url + path, { headers: { Authorization: `Bearer ${token}` } });
  if (!answer.ok) throw new Error(`GET ${path} answered ${answer.status}: ${await answer.text()}`);
  return (await answer.json()) as T;
}

beforeEach(() => e2e.app.deps.clock.set(new Date("2026-11-26T02:00:00Z")));

test("a manager writes an article with a picture, is told about a coupon that does not exist, edits it into a second version and switches it off", async () => {
  const manager = await signIn({ role: "manager" });
  const page = await pageSignedInAs(manager);
  await page.goto(`${e2e.app.url}/#/packages/manager/pages/home/index`);
  await page.click("#go-materials", { timeout: 20_000 });
  await page.click("#material-new", { timeout: 20_000 });
  await page.waitForSelector("#material-form", { timeout: 20_000 });

  await page.fill("#material-title-input input", "门店开业指南");
  await page.fill("#material-summary input", "新店开业，到店有礼");
  await page.fill("#material-category input", "门店");
  await page.fill("#material-tags input", "开业，指南");
  await page.fill("#material-scripts-input textarea", "新店开业啦，给您看看\n到店报我名字有礼");
  // The article: the paragraph it starts with, then a heading and a picture uploaded from this device.
  await page.fill('[data-testid="article-block"][data-type="paragraph"] textarea', "欢迎光临我们的新店。");
  await page.click("#block-add-heading");
  await page.fill('[data-testid="article-block"][data-type="heading"] input', "开业福利");
  await page.click("#block-add-image");
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#block-2-image-upload")]);
  await chooser.setFiles({ name: "shop.png", mimeType: "image/png", buffer: await solidImage([200, 40, 40], "png", 60, 90) });
  await page.waitForSelector('#block-2-image:not([data-asset-id=""]) img', { timeout: 10_000 });
  const pictureId = await page.getAttribute("#block-2-image", "data-asset-id");

  // A coupon call to action naming no real stock: the server says so under the field, and nothing is made.
  await page.click("#cta-claim_coupon");
  await page.fill("#cta-target input", "no-such-stock");
  await page.click("#material-save");
  await page.waitForSelector('[data-field-error="callToAction"]', { timeout: 10_000 });
  expect(await page.textContent("#material-message")).toBe("请按提示修改后再保存");
  expect((await get<{ materials: MaterialView[] }>("/api/materials", manager)).materials).toHaveLength(0);

  await page.click("#cta-none");
  await page.click("#material-save");
  await page.waitForSelector('[data-testid="material-version"][data-version="1"]', { timeout: 20_000 });
  const materialId = new URL(page.url().replace("/#/", "/")).searchParams.get("id")!;
  const created = await get<MaterialView>(`/api/materials/${materialId}`, manager);
  expect(created).toMatchObject({
    kind: "article",
    title: "门店开业指南",
    summary: "新店开业，到店有礼",
    category: "门店",
    tags: ["开业", "指南"],
    scripts: ["新店开业啦，给您看看", "到店报我名字有礼"],
    callToAction: null,
    enabled: true,
    version: 1,
  });
  expect(created.content).toEqual({
    kind: "article",
    blocks: [
      { type: "paragraph", text: "欢迎光临我们的新店。" },
      { type: "heading", text: "开业福利" },
      { type: "image", assetId: pictureId },
    ],
  });

  // The edit form shows what was saved; saving again makes version 2.
  expect(await page.inputValue("#material-title-input input")).toBe("门店开业指南");
  await page.fill("#material-title-input input", "门店开业指南（第二版）");
  await page.click("#material-save");
  await page.waitForSelector("#material-message:has-text('已保存为第 2 版')", { timeout: 10_000 });
  await page.waitForSelector('[data-testid="material-version"][data-version="2"]', { timeout: 10_000 });
  expect(await page.locator('[data-testid="material-version"]').count()).toBe(2);

  // Switched off: a third version; staff no longer see it, the manager's list marks it.
  await page.click("#material-enabled");
  await page.click("#material-save");
  await page.waitForSelector("#material-message:has-text('已保存为第 3 版')", { timeout: 10_000 });
  expect((await get<MaterialView>(`/api/materials/${materialId}`, manager)).enabled).toBe(false);
  const staff = await signIn({ role: "staff", userId: "LiNa" });
  expect((await get<{ materials: MaterialView[] }>("/api/materials", staff)).materials.map((m) => m.id)).not.toContain(materialId);

  await page.goto(`${e2e.app.url}/#/packages/manager/pages/materials/index`);
  const row = page.locator(`[data-testid="material-row"][data-material-id="${materialId}"]`);
  await row.waitFor({ timeout: 20_000 });
  expect(await row.getAttribute("data-material-title")).toBe("门店开业指南（第二版）");
  expect(await row.locator('[data-testid="material-disabled"]').textContent()).toBe("已停用");
}, 180_000);

test("the scoring rules page shows the server's objection next to the field, then saves", async () => {
  const manager = await signIn({ role: "manager" });
  const page = await pageSignedInAs(manager);
  await page.goto(`${e2e.app.url}/#/packages/manager/pages/home/index`);
  await page.click("#go-scoring", { timeout: 20_000 });
  await page.waitForSelector("#rule-hotAt input", { timeout: 20_000 });
  expect(await page.inputValue("#rule-hotAt input")).toBe("40");
  expect(await page.inputValue("#rule-warmAt input")).toBe("15");

  // Hot must start above warm: the server names hotAt, and keeps the rules it had.
  await page.fill("#rule-hotAt input", "10");
  await page.click("#scoring-save");
  await page.waitForSelector('[data-field-error="hotAt"]', { timeout: 10_000 });
  expect(await page.textContent("#scoring-message")).toBe("请按提示修改后再保存");
  expect((await get<ScoringRulesView>("/api/lead-scoring", manager)).hotAt).toBe(40);

  await page.fill("#rule-hotAt input", "30");
  await page.fill("#rule-behaviour-view input", "4");
  await page.click("#scoring-save");
  await page.waitForSelector("#scoring-message:has-text('评分规则已保存')", { timeout: 10_000 });
  expect(await page.locator('[data-field-error="hotAt"]').count()).toBe(0);
  const saved = await get<ScoringRulesView>("/api/lead-scoring", manager);
  expect(saved.hotAt).toBe(30);
  expect(saved.behaviour.view).toBe(4);

  await page.reload();
  await page.waitForSelector("#rule-hotAt input", { timeout: 20_000 });
  expect(await page.inputValue("#rule-hotAt input")).toBe("30");
}, 120_000);
