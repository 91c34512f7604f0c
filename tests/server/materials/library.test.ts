import request from "supertest";
import type { MaterialInput, MaterialView } from "@scrm/shared";
import type { TestApp } from "../../helpers/app";
import { bearerOf, buildCampaign, buildStock, customerToken, sandboxLogin, startCouponWorld } from "../../helpers/coupons";
import { buildChannel } from "../../helpers/referrals";
import { buildMaterial, inputOf, solidImage, tinyPdf, uploadAsset } from "../../helpers/materials";
import { Material, MaterialVersion } from "../../../server/src/materials/material.entity";

let app: TestApp;
let manager: string;
let staff: string;
let campaignId: string;

beforeAll(async () => {
  ({ app, manager, campaignId } = await startCouponWorld());
  staff = await sandboxLogin(app, "staff", "LiNa");
});
afterAll(() => app.close());

const picture = async () => (await uploadAsset(app, manager, await solidImage([240, 120, 20], "png", 40, 40))).id;
const put = (id: string, body: object, token = manager) => request(app.url).put(`/api/materials/${id}`).set(bearerOf(token)).send(body);
const list = async (token: string, query: Record<string, string> = {}) => {
  const res = await request(app.url).get("/api/materials").query(query).set(bearerOf(token));
  expect(res.status).toBe(200);
  return res.body.materials as MaterialView[];
};
const stored = async () => [await app.deps.db.manager.count(Material), await app.deps.db.manager.count(MaterialVersion)];

test("an edit makes version 2; the library shows it, and the history keeps both", async () => {
  const cover = await picture();
  const created = await buildMaterial(app, manager, {
    title: "会员日攻略",
    coverAssetId: cover,
    content: { kind: "article", blocks: [{ type: "heading", text: "会员日" }, { type: "image", assetId: await picture(), caption: "现场" }, { type: "paragraph", text: "全场八折" }] },
    campaignId,
  });
  expect(created).toMatchObject({ version: 1, kind: "article", title: "会员日攻略", coverAssetId: cover, enabled: true, campaignId, scripts: ["新品到了，给您看看"], callToAction: null });

  const edited = await put(created.id, inputOf(created, { title: "会员日攻略（更新）", scripts: ["会员日来了"], tags: ["会员", "会员"] }));
  expect(edited.status).toBe(200);
  expect(edited.body.material).toMatchObject({ id: created.id, version: 2, title: "会员日攻略（更新）", scripts: ["会员日来了"], tags: ["会员"] });
  expect(edited.body.material.versionId).not.toBe(created.versionId);

  const got = await request(app.url).get(`/api/materials/${created.id}`).set(bearerOf(staff));
  expect(got.status).toBe(200);
  expect(got.body).toEqual(edited.body.material);

  const history = await request(app.url).get(`/api/materials/${created.id}/versions`).set(bearerOf(manager));
  expect(history.body.versions).toEqual([
    { version: 2, versionId: edited.body.material.versionId, title: "会员日攻略（更新）", createdBy: expect.any(String), createdAt: expect.any(String) },
    { version: 1, versionId: created.versionId, title: "会员日攻略", createdBy: expect.any(String), createdAt: expect.any(String) },
  ]);
  expect((await put("no-such-material", inputOf(created))).status).toBe(404);
  expect((await request(app.url).get("/api/materials/no-such-material").set(bearerOf(manager))).status).toBe(404);
});

test("a product card links to a page of ours or an https site", async () => {
  const images = [await picture(), await picture()];
  for (const link of ["pages/shop/index?sku=42", "https://shop.example.com/p/42?from=scrm"]) {
    const product = await buildMaterial(app, manager, { title: "羊绒大衣", content: { kind: "product", priceFen: 129900, imageAssetIds: images, link } });
    expect(product.content).toEqual({ kind: "product", priceFen: 129900, imageAssetIds: images, description: "", link });
  }
});

test("staff read the library but see only enabled materials, and cannot write it", async () => {
  const off = await buildMaterial(app, manager, { title: "下架活动", enabled: false });
  const on = await buildMaterial(app, manager, { title: "在售活动" });
  expect((await list(staff)).map((m) => m.id)).toContain(on.id);
  expect((await list(staff)).map((m) => m.id)).not.toContain(off.id);
  expect((await list(manager)).map((m) => m.id)).toEqual(expect.arrayContaining([on.id, off.id]));
  expect((await request(app.url).get(`/api/materials/${off.id}`).set(bearerOf(staff))).status).toBe(404);
  expect((await request(app.url).get(`/api/materials/${off.id}/versions`).set(bearerOf(staff))).status).toBe(404);
  expect((await request(app.url).get(`/api/materials/${off.id}`).set(bearerOf(manager))).body.enabled).toBe(false);

  const before = await stored();
  const body = inputOf(on);
  expect((await request(app.url).post("/api/materials").set(bearerOf(staff)).send(body)).status).toBe(403);
  expect((await put(on.id, { ...body, title: "员工改的" }, staff)).status).toBe(403);
  const customer = (await customerToken(app)).token;
  expect((await request(app.url).get("/api/materials").set(bearerOf(customer))).status).toBe(403);
  expect((await request(app.url).get("/api/materials")).status).toBe(401);
  expect(await stored()).toEqual(before);

  // Switching it off hides it from staff at once; on again shows it.
  expect((await put(on.id, inputOf(on, { enabled: false }))).status).toBe(200);
  expect((await list(staff)).map((m) => m.id)).not.toContain(on.id);
});

test("the library searches titles and tags, filters by category, tag, kind and campaign, newest edit first", async () => {
  const other = await buildCampaign(app, manager, "搜索专场");
  const a = await buildMaterial(app, manager, { title: "羽绒服 50% 折扣", category: "服装", tags: ["羽绒", "冬装"], campaignId: other });
  app.deps.clock.advance(1000);
  const b = await buildMaterial(app, manager, { title: "围巾上新", category: "配饰", tags: ["冬装"], campaignId: other });
  app.deps.clock.advance(1000);
  const c = await buildMaterial(app, manager, { title: "新品手册", category: "服装", content: { kind: "file", fileAssetId: (await uploadAsset(app, manager, tinyPdf(), "application/pdf")).id, fileName: "手册.pdf" }, campaignId: other });
  app.deps.clock.advance(1000);
  const ids = async (query: Record<string, string>) => (await list(manager, { campaignId: other, ...query })).map((m) => m.id);

  expect(await ids({})).toEqual([c.id, b.id, a.id]);
  expect(await ids({ q: "羽绒" })).toEqual([a.id]);
  expect(await ids({ q: "冬装" })).toEqual([b.id, a.id]); // a tag matches too
  expect(await ids({ q: "50%" })).toEqual([a.id]);
  expect(await ids({ q: "%" })).toEqual([a.id]); // a literal percent sign, not a wildcard
  expect(await ids({ q: '"' })).toEqual([]); // not the quotes around every stored tag
  expect(await ids({ category: "服装" })).toEqual([c.id, a.id]);
  expect(await ids({ tag: "冬装" })).toEqual([b.id, a.id]);
  expect(await ids({ tag: "冬" })).toEqual([]); // a whole tag, not part of one
  expect(await ids({ kind: "file" })).toEqual([c.id]);
  expect(await ids({ limit: "1" })).toEqual([c.id]);

  // An edit brings a material to the top.
  expect((await put(a.id, inputOf(a, { summary: "再降价" }))).status).toBe(200);
  expect(await ids({})).toEqual([a.id, c.id, b.id]);
  expect((await request(app.url).get("/api/materials").query({ kind: "video" }).set(bearerOf(manager))).status).toBe(422);
});

test("references that do not exist are refused by field, and nothing is stored", async () => {
  const pdf = (await uploadAsset(app, manager, tinyPdf(), "application/pdf")).id;
  const image = await picture();
  const before = await stored();
  const res = await request(app.url)
    .post("/api/materials")
    .set(bearerOf(manager))
    .send({
      title: "引用检查",
      coverAssetId: "missing-cover",
      content: { kind: "article", blocks: [{ type: "paragraph", text: "正文" }, { type: "image", assetId: "missing-image" }, { type: "image", assetId: pdf }] },
      callToAction: { kind: "claim_coupon", stockId: "missing-stock" },
      category: "检查",
      campaignId: "missing-campaign",
    });
  expect(res.status).toBe(422);
  expect(res.body.error.code).toBe("validation_failed");
  expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(
    ["callToAction.stockId", "campaignId", "content.blocks.1.assetId", "content.blocks.2.assetId", "coverAssetId"].sort(),
  );

  const noChannel = await request(app.url)
    .post("/api/materials")
    .set(bearerOf(manager))
    .send({ title: "加顾问", content: { kind: "poster", imageAssetId: image }, callToAction: { kind: "add_staff", channelState: "no-such-state" }, category: "检查" });
  expect(noChannel.body.error.details).toEqual([{ path: "callToAction.channelState", message: expect.any(String) }]);
  const notPdf = await request(app.url).post("/api/materials").set(bearerOf(manager)).send({ title: "文件", content: { kind: "file", fileAssetId: image, fileName: "a.pdf" }, category: "检查" });
  expect(notPdf.body.error.details).toEqual([{ path: "content.fileAssetId", message: expect.stringMatching(/PDF/) }]);
  const badShape = await request(app.url).post("/api/materials").set(bearerOf(manager)).send({ title: " ", content: { kind: "product", priceFen: -1, imageAssetIds: [], link: "javascript:alert(1)" }, category: "检查" });
  expect(badShape.status).toBe(422);
  expect(badShape.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(["title", "content.priceFen", "content.imageAssetIds", "content.link"]));
  expect(await stored()).toEqual(before);

  // A bad edit leaves the material at its version; so does a change of kind.
  const m = await buildMaterial(app, manager);
  const after = await stored();
  const badEdit = await put(m.id, inputOf(m, { coverAssetId: "missing" }));
  expect([badEdit.status, badEdit.body.error.details]).toEqual([422, [{ path: "coverAssetId", message: expect.any(String) }]]);
  const kindChange = await put(m.id, inputOf(m, { content: { kind: "page", path: "pages/landing/index?state=x" } }));
  expect([kindChange.status, kindChange.body.error.details[0].path]).toEqual([422, "content.kind"]);
  expect(await stored()).toEqual(after);
  expect((await request(app.url).get(`/api/materials/${m.id}`).set(bearerOf(manager))).body.version).toBe(1);
});

test("calls to action point at a real stock of the campaign and a real channel", async () => {
  const stock = await buildStock(app, manager, campaignId);
  const state = await buildChannel(app, manager, campaignId);
  const coupon = await buildMaterial(app, manager, { campaignId, callToAction: { kind: "claim_coupon", stockId: stock.id } });
  expect(coupon.callToAction).toEqual({ kind: "claim_coupon", stockId: stock.id, label: "立即领取" });
  const adviser = await buildMaterial(app, manager, { callToAction: { kind: "add_staff", channelState: state, label: "加我" } });
  expect(adviser.callToAction).toEqual({ kind: "add_staff", channelState: state, label: "加我" });

  const elsewhere = await buildCampaign(app, manager, "别的活动");
  const wrong = await request(app.url)
    .post("/api/materials")
    .set(bearerOf(manager))
    .send({ title: "错配", content: coupon.content, category: "检查", campaignId: elsewhere, callToAction: { kind: "claim_coupon", stockId: stock.id } });
  expect(wrong.body.error.details).toEqual([{ path: "callToAction.stockId", message: "the stock belongs to another campaign" }]);
});

test("edits at the same moment each get their own version number", async () => {
  const m = await buildMaterial(app, manager);
  const edits = await Promise.all(Array.from({ length: 6 }, (_, i) => put(m.id, inputOf(m, { title: `同时编辑 ${i}` }))));
  expect(edits.map((e) => e.status)).toEqual(Array(6).fill(200));
  expect(edits.map((e) => e.body.material.version).sort((x: number, y: number) => x - y)).toEqual([2, 3, 4, 5, 6, 7]);
  const versions = await app.deps.db.manager.find(MaterialVersion, { where: { materialId: m.id }, order: { version: "ASC" } });
  expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  const row = await app.deps.db.manager.findOneByOrFail(Material, { id: m.id });
  expect([row.currentVersion, row.currentVersionId]).toEqual([7, versions[6].id]);
  expect(row.title).toBe(versions[6].title);
});
