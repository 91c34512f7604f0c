import type { CustomerList, MaterialStats, MyShare } from "@scrm/shared";
import { useBrowserTest } from "../helpers/browser";
import { buildCampaign, buildStock } from "../helpers/coupons";
import { buildMaterial, solidImage, uploadAsset } from "../helpers/materials";
import { addsAdviserShown, hidePage, phonePage, sessionOf } from "../helpers/materialPages";
import { waitFor } from "../helpers/waitFor";
import { MaterialShare } from "../../server/src/materials/share.entity";
import { MaterialEvent, MaterialViewer } from "../../server/src/materials/event.entity";
import { CouponClaim } from "../../server/src/coupons/claim.entity";

const e2e = useBrowserTest();
const { pageSignedInAs, signIn, post } = e2e;

/** A JSON GET of our API that must succeed. */
async function get<T>(path: string, token: string): Promise<T> {
  const answer = await fetch(e2e.app.url + path, { headers: { Authorization: `Bearer ${token}` } });
  if (!answer.ok) throw new Error(`GET ${path} answered ${answer.status}: ${await answer.text()}`);
  return (await answer.json()) as T;
}

const tokenOfLink = (link: string): string => new URL(link.replace("/#/", "/")).searchParams.get("token")!;

test("LiNa shares a card; a customer reads it, adds her, forwards it, a friend opens the forward; LiNa sees her readers and is alerted, the grade moves, the manager's numbers add up", async () => {
  const { app } = e2e;
  app.deps.clock.set(new Date("2026-11-26T02:00:00Z"));
  const manager = await signIn({ role: "manager" });
  const campaignId = await buildCampaign(app, manager, "冬季新品活动");
  const { channel } = await post<{ channel: { state: string } }>(
    "/api/channels",
    { campaignId, name: "新品素材", kind: "online", startsAt: "2026-01-01T00:00:00Z", endsAt: "2027-12-31T00:00:00Z", staffPool: ["LiNa"], routing: { kind: "round_robin" }, welcome: { text: "欢迎" } },
    manager,
  );
  const material = await buildMaterial(app, manager, { title: "冬季新品上市", callToAction: { kind: "add_staff", channelState: channel.state, label: "添加顾问" } });

  // LiNa finds it in the library from her home page and shares it as a card.
  const lina = await signIn({ role: "staff", userId: "LiNa" });
  const staff = await pageSignedInAs(lina);
  await staff.goto(`${app.url}/#/packages/staff/pages/home/index`);
  await staff.click("#go-materials", { timeout: 20_000 });
  await staff.click(`[data-testid="material-row"][data-material-id="${material.id}"]`, { timeout: 20_000 });
  await staff.waitForSelector('[data-testid="material-script"]', { timeout: 20_000 });
  expect(await staff.textContent('[data-testid="material-script"]')).toContain("新品到了，给您看看");
  await staff.click("#share-card");
  await staff.waitForSelector("#share-link", { timeout: 10_000 });
  const link = ((await staff.textContent("#share-link")) ?? "").trim();
  const token = tokenOfLink(link);
  expect(await staff.getAttribute("#share-link", "data-token")).toBe(token);
  expect((await app.deps.db.manager.findOneByOrFail(MaterialShare, { token })).channel).toBe("card");

  // A customer opens the card on their phone, not logged in: the open counts for their device.
  const wang = await phonePage(e2e.browser, app);
  await wang.goto(link);
  await wang.waitForSelector('#material[data-view-recorded="yes"]', { timeout: 20_000 });
  expect(await wang.textContent("#material-title")).toBe("冬季新品上市");
  expect(await wang.textContent("#material-sharer")).toBe("李娜 分享给你");
  expect(await wang.locator('[data-testid="poster-image"]').count()).toBe(1);
  const anonymous = await app.deps.db.manager.findBy(MaterialViewer, { token });
  expect(anonymous.map((v) => [v.viewerKey.slice(0, 2), v.opens, v.customerId])).toEqual([["d:", 1, null]]);

  // The call to action takes them to LiNa's channel, where they log in and add her in WeChat.
  await wang.click("#material-cta");
  const follow = await addsAdviserShown(app, wang, "王女士");
  expect(follow.staffUserId).toBe("LiNa");
  const customerId = follow.customerId;
  expect((await app.deps.sessions.authenticate((await sessionOf(wang))!))?.id).toBe(customerId);
  const scoreBefore = (await get<CustomerList>("/api/customers?sort=score", lina)).customers.find((c) => c.customerId === customerId)!.score;

  // LiNa's customer list, hottest first, shows the grade.
  await staff.goto(`${app.url}/#/packages/staff/pages/customers/index?sort=score`);
  const row = staff.locator(`#customer-${customerId}`);
  await row.waitFor({ timeout: 20_000 });
  expect(Number(await row.getAttribute("data-score"))).toBe(scoreBefore);
  expect(await row.locator('[data-testid="customer-grade"]').textContent()).toBe(`冷 · ${scoreBefore} 分`);

  // She opens the card again, now logged in (a fresh load: going back in the app is the same open):
  // the open is hers, her device's earlier open joins her, and she reads a while.
  await wang.goto(link);
  await wang.reload();
  await wang.waitForSelector('#material[data-view-recorded="yes"]', { timeout: 20_000 });
  await wang.waitForTimeout(1_200);
  await hidePage(wang);
  const dwellBefore = anonymous[0].dwellMs;
  const read = await waitFor(async () => {
    const rows = await app.deps.db.manager.findBy(MaterialViewer, { token });
    return rows.length === 1 && rows[0].customerId === customerId && rows[0].dwellMs >= dwellBefore + 1_000 && rows[0];
  });
  expect(read.opens).toBe(2);

  // LiNa is told at once in WeCom.
  await app.deps.outbox.idle();
  const alerts = await waitFor(() => {
    const sent = app.deps.wecomSimulator!.messages().filter((m) => m.userid === "LiNa" && (m.content as { content: string }).content.includes("打开了《冬季新品上市》"));
    return sent.length > 0 && sent;
  });
  expect(alerts).toHaveLength(1);

  // Her score moved with the open (3 points a view by default); the list shows it.
  await app.deps.materials.idle();
  const scoreAfter = await waitFor(async () => {
    const listed = (await get<CustomerList>("/api/customers?sort=score", lina)).customers.find((c) => c.customerId === customerId)!;
    return listed.score > scoreBefore && listed.score;
  });
  expect(scoreAfter).toBe(scoreBefore + 3);
  await staff.reload();
  await row.waitFor({ timeout: 20_000 });
  expect(Number(await row.getAttribute("data-score"))).toBe(scoreAfter);
  expect(await row.locator('[data-testid="customer-grade"]').textContent()).toBe(`${scoreAfter >= 15 ? "温" : "冷"} · ${scoreAfter} 分`);
  // Her page explains the score: the factors add up to it, the material she opened among them.
  await row.click();
  await staff.waitForSelector("#lead-score", { timeout: 20_000 });
  expect(Number(await staff.getAttribute("#lead-score", "data-score"))).toBe(scoreAfter);
  const factors = await staff.locator('[data-testid="score-factor"]').allTextContents();
  expect(factors.some((f) => f.includes("冬季新品上市"))).toBe(true);

  // She forwards it: the link carries a child token of LiNa's share, which a friend opens.
  await wang.reload();
  await wang.waitForSelector('#material[data-view-recorded="yes"]', { timeout: 20_000 });
  await wang.click("#material-forward");
  await wang.waitForSelector("#forward-link", { timeout: 10_000 });
  const forwardLink = ((await wang.textContent("#forward-link")) ?? "").trim();
  const childToken = tokenOfLink(forwardLink);
  expect(childToken).not.toBe(token);
  expect(await app.deps.db.manager.findOneByOrFail(MaterialShare, { token: childToken })).toMatchObject({ parentToken: token, depth: 1, channel: "forward", staffUserId: "LiNa" });

  const friend = await phonePage(e2e.browser, app);
  await friend.goto(forwardLink);
  await friend.waitForSelector('#material[data-view-recorded="yes"]', { timeout: 20_000 });
  expect(await friend.textContent("#material-sharer")).toBe("李娜 分享给你");

  // LiNa's shares: Wang read her card (three opens), the friend read it through the forward.
  const mine = await get<{ shares: MyShare[] }>("/api/my-shares", lina);
  const customerName = mine.shares[0].viewers.find((v) => v.customerId === customerId)!.name;
  await staff.goto(`${app.url}/#/packages/staff/pages/home/index`);
  await staff.click("#go-my-shares", { timeout: 20_000 });
  const share = staff.locator(`[data-testid="my-share"][data-token="${token}"]`);
  await share.waitFor({ timeout: 20_000 });
  const viewers = share.locator('[data-testid="share-viewer"]');
  expect(await viewers.count()).toBe(2);
  const wangRow = share.locator(`[data-testid="share-viewer"][data-viewer-name="${customerName}"]`);
  expect(await wangRow.getAttribute("data-opens")).toBe("3");
  expect(Number(await wangRow.getAttribute("data-dwell-ms"))).toBeGreaterThanOrEqual(1_000);
  expect(await wangRow.textContent()).not.toContain("转发");
  const friendRow = share.locator('[data-testid="share-viewer"][data-viewer-name="未登录访客"]');
  expect(await friendRow.getAttribute("data-opens")).toBe("1");
  expect(await friendRow.textContent()).toContain("转发");

  // The manager's numbers: two real people, one forward opened, one adviser added from the material.
  const stats = await get<MaterialStats>(`/api/materials/${material.id}/stats`, manager);
  expect(stats.total).toMatchObject({ views: 4, uniqueViewers: 2, shareIntents: 1, openedChildShares: 1, adds: 1, claims: 0 });
  const managerPage = await pageSignedInAs(manager);
  await managerPage.goto(`${app.url}/#/packages/manager/pages/home/index`);
  await managerPage.click("#go-materials", { timeout: 20_000 });
  await managerPage.click(`[data-testid="material-row"][data-material-id="${material.id}"] [data-testid="material-stats"]`, { timeout: 20_000 });
  await managerPage.waitForSelector("#material-stats-total", { timeout: 20_000 });
  const total = (stat: string) => managerPage.getAttribute(`#material-stats-total [data-stat="${stat}"]`, "data-value");
  expect(await total("views")).toBe("4");
  expect(await total("uniqueViewers")).toBe("2");
  expect(await total("shareIntents")).toBe("1");
  expect(await total("openedChildShares")).toBe("1");
  expect(await total("adds")).toBe("1");
  expect(await total("avgDwellMs")).toBe(String(stats.total.avgDwellMs));
  const linaCard = managerPage.locator('#material-stats-by-staff [data-row="李娜（小程序卡片）"]');
  expect(await linaCard.locator('[data-stat="views"]').getAttribute("data-value")).toBe(String(stats.byStaff.find((r) => r.channel === "card")!.views));
}, 240_000);

test("LiNa filters the library, copies a script and shares a material as a poster carrying her share token", async () => {
  const { app } = e2e;
  const manager = await signIn({ role: "manager" });
  const poster = await buildMaterial(app, manager, { title: "年货节海报", category: "节日", tags: ["年货"], scripts: ["年货节开始啦"] });
  const article = await buildMaterial(app, manager, {
    title: "保暖指南",
    category: "知识",
    tags: ["冬季"],
    content: { kind: "article", blocks: [{ type: "heading", text: "三层穿衣法" }, { type: "paragraph", text: "内层排汗，中层保暖，外层防风。" }] },
  });
  const listed = (page: Awaited<ReturnType<typeof pageSignedInAs>>) =>
    page.locator('[data-testid="material-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-material-id")));

  const staff = await pageSignedInAs(await signIn({ role: "staff", userId: "LiNa" }));
  await staff.goto(`${app.url}/#/packages/staff/pages/materials/index`);
  await staff.waitForSelector(`[data-material-id="${article.id}"]`, { timeout: 20_000 });
  expect(await listed(staff)).toEqual(expect.arrayContaining([poster.id, article.id]));

  await staff.fill("#material-category-filter input", "知识");
  await staff.press("#material-category-filter input", "Enter");
  await waitFor(async () => JSON.stringify(await listed(staff)) === JSON.stringify([article.id]), 10_000);
  await staff.fill("#material-category-filter input", "");
  await staff.press("#material-category-filter input", "Enter");
  await staff.fill("#material-tag-filter input", "年货");
  await staff.press("#material-tag-filter input", "Enter");
  await waitFor(async () => JSON.stringify(await listed(staff)) === JSON.stringify([poster.id]), 10_000);
  await staff.fill("#material-search input", "保暖");
  await staff.press("#material-search input", "Enter");
  await staff.waitForSelector("#material-list-empty", { timeout: 10_000 });

  // The article reads as customers will see it.
  await staff.goto(`${app.url}/#/packages/staff/pages/material/index?id=${article.id}`);
  await staff.waitForSelector("#material-article", { timeout: 20_000 });
  expect(await staff.textContent('[data-testid="article-heading"]')).toBe("三层穿衣法");
  expect(await staff.textContent('[data-testid="article-paragraph"]')).toBe("内层排汗，中层保暖，外层防风。");

  await staff.goto(`${app.url}/#/packages/staff/pages/material/index?id=${poster.id}`);
  await staff.waitForSelector('[data-testid="script-copy"]', { timeout: 20_000 });
  await staff.click('[data-testid="script-copy"]');
  await staff.waitForSelector('[data-testid="script-copy"]:has-text("已复制")', { timeout: 5_000 });

  await staff.click("#share-poster");
  await staff.waitForSelector("#share-poster-image img", { timeout: 20_000 });
  expect(await staff.getAttribute("#share-poster-image img", "src")).toMatch(/^data:image\/png;base64,/);
  const share = await app.deps.db.manager.findOneByOrFail(MaterialShare, { materialId: poster.id, staffUserId: "LiNa" });
  expect(share.channel).toBe("poster");
  // The poster's mini-program code opens the material page with the share token as its scene.
  expect(app.deps.miniappSimulator!.wxaCodes()).toContainEqual(expect.objectContaining({ scene: share.token, page: "pages/material/index" }));
}, 180_000);

test("a product card's coupon button logs the customer in and claims the coupon, attributed to the share", async () => {
  const { app } = e2e;
  const manager = await signIn({ role: "manager" });
  const campaignId = await buildCampaign(app, manager, "商品券活动");
  const stock = await buildStock(app, manager, campaignId);
  const { id: imageAssetId } = await uploadAsset(app, manager, await solidImage([20, 120, 200], "png", 60, 60));
  const product = await buildMaterial(app, manager, {
    title: "羊毛围巾",
    campaignId,
    content: { kind: "product", priceFen: 12900, imageAssetIds: [imageAssetId], description: "100% 羊毛" },
    callToAction: { kind: "claim_coupon", stockId: stock.id, label: "领券购买" },
  });
  const { token } = await post<{ token: string }>(`/api/materials/${product.id}/shares`, { channel: "card" }, await signIn({ role: "staff", userId: "LiNa" }));

  const customer = await phonePage(e2e.browser, app);
  await customer.goto(`${app.url}/#/pages/material/index?token=${token}`);
  await customer.waitForSelector('#material[data-view-recorded="yes"]', { timeout: 20_000 });
  expect(await customer.textContent("#product-price")).toBe("¥129.00");
  expect(await customer.locator('[data-testid="product-image"]').count()).toBe(1);
  expect(await customer.textContent("#material-cta")).toBe("领券购买");
  await customer.click("#material-cta");
  await customer.waitForSelector(".claim-outcome:has-text('领取成功')", { timeout: 20_000 });

  const claim = await waitFor(() => app.deps.db.manager.findOneBy(CouponClaim, { stockId: stock.id }));
  expect(JSON.parse(claim.attribution ?? "{}")).toMatchObject({ shareToken: token });
  expect(await app.deps.db.manager.findOneBy(MaterialEvent, { token, kind: "cta" })).toMatchObject({ detail: "claim_coupon" });
  expect((await get<MaterialStats>(`/api/materials/${product.id}/stats`, manager)).total).toMatchObject({ views: 1, uniqueViewers: 1, claims: 1 });
}, 120_000);
