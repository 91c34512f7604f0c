import request from "supertest";
import type { MaterialView, SharedMaterial } from "@scrm/shared";
import type { TestApp } from "../../helpers/app";
import { bearerOf, customerToken, sandboxLogin, startCouponWorld } from "../../helpers/coupons";
import { decodeQrPng } from "../../helpers/miniapp";
import { buildChannel } from "../../helpers/referrals";
import { buildMaterial, shareOf, solidImage, uploadAsset } from "../../helpers/materials";
import { pixelsOf } from "../posters/pixels";
import { sceneProblem } from "../../../server/src/miniapp/scene";
import { forwardShare, MATERIAL_PAGE } from "../../../server/src/materials/shares";
import { MaterialShare } from "../../../server/src/materials/share.entity";
import { Channel } from "../../../server/src/channels/channel.entity";

let app: TestApp;
let manager: string;
let campaignId: string;
let lina: string;
let wangFang: string;

beforeAll(async () => {
  ({ app, manager, campaignId } = await startCouponWorld());
  [lina, wangFang] = await Promise.all([sandboxLogin(app, "staff", "LiNa"), sandboxLogin(app, "staff", "WangFang")]);
});
afterAll(() => app.close());

const share = (token: string, materialId: string, body: Record<string, unknown>) => request(app.url).post(`/api/materials/${materialId}/shares`).set(bearerOf(token)).send(body);
const opened = async (token: string): Promise<SharedMaterial> => {
  const res = await request(app.url).get(`/api/shares/${token}`); // viewers need not be logged in
  expect(res.status).toBe(200);
  return res.body as SharedMaterial;
};
const edit = (m: MaterialView, title: string) =>
  request(app.url).put(`/api/materials/${m.id}`).set(bearerOf(manager)).send({ title, summary: m.summary, content: m.content, scripts: ["改版话术"], category: m.category, tags: m.tags, coverAssetId: m.coverAssetId ?? undefined });

test("a staff member's share of a version on a channel has one short token, even when asked for at once", async () => {
  const m = await buildMaterial(app, manager, { scripts: ["您好，这是新品"] });
  const answers = await Promise.all(Array.from({ length: 5 }, () => share(lina, m.id, { channel: "card" })));
  expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201));
  const token = answers[0].body.token as string;
  expect(new Set(answers.map((a) => a.body.token))).toEqual(new Set([token]));
  expect(token.length).toBeLessThanOrEqual(16);
  expect(sceneProblem(token)).toBeNull();
  expect(answers[0].body).toEqual({
    token,
    materialId: m.id,
    version: 1,
    title: m.title,
    path: `${MATERIAL_PAGE}?token=${token}`,
    coverUrl: `${app.config.publicBaseUrl}/api/material-assets/${(m.content as { imageAssetId: string }).imageAssetId}`,
    scripts: ["您好，这是新品"],
  });
  expect(MATERIAL_PAGE).toBe("pages/material/index");
  expect((await shareOf(app, lina, m.id)).token).toBe(token);
  expect(await app.deps.db.manager.countBy(MaterialShare, { materialId: m.id })).toBe(1);

  const tokens = [token, (await shareOf(app, lina, m.id, "poster")).token, (await shareOf(app, wangFang, m.id)).token, (await shareOf(app, manager, m.id)).token];
  expect(new Set(tokens).size).toBe(4);

  const cover = await request(app.url).get(new URL(answers[0].body.coverUrl).pathname);
  expect([cover.status, cover.type]).toEqual([200, "image/png"]);
});

test("a share keeps showing the version it was made from, with the staff member's name", async () => {
  const m = await buildMaterial(app, manager, { title: "第一版" });
  const v1 = await shareOf(app, lina, m.id);
  expect((await edit(m, "第二版")).status).toBe(200);

  const old = await opened(v1.token);
  expect(old).toMatchObject({ token: v1.token, staffName: "李娜", material: { id: m.id, version: 1, title: "第一版", versionId: m.versionId } });
  expect(old.material.scripts).toEqual([]); // staff's scripts are not shown to viewers

  const v2 = await shareOf(app, lina, m.id);
  expect(v2).toMatchObject({ version: 2, title: "第二版", scripts: ["改版话术"] });
  expect(v2.token).not.toBe(v1.token);
  expect((await opened(v2.token)).material).toMatchObject({ version: 2, title: "第二版" });
  expect((await request(app.url).get("/api/shares/mnosuchtoken")).status).toBe(404);
});

test("switched-off materials cannot be shared, but shares made before still open", async () => {
  const m = await buildMaterial(app, manager);
  const before = await shareOf(app, lina, m.id);
  const off = await request(app.url).put(`/api/materials/${m.id}`).set(bearerOf(manager)).send({ title: m.title, content: m.content, category: m.category, enabled: false });
  expect(off.status).toBe(200);
  const refused = await share(lina, m.id, { channel: "card" });
  expect([refused.status, refused.body.error.code]).toEqual([409, "conflict"]);
  expect((await share(manager, m.id, { channel: "card" })).status).toBe(409);
  expect((await opened(before.token)).material.id).toBe(m.id);
});

test("who may share, and what a share request may say", async () => {
  const m = await buildMaterial(app, manager);
  const customer = (await customerToken(app)).token;
  expect((await share(customer, m.id, { channel: "card" })).status).toBe(403);
  expect((await request(app.url).post(`/api/materials/${m.id}/shares`).send({ channel: "card" })).status).toBe(401);
  expect((await share(lina, "no-such-material", { channel: "card" })).status).toBe(404);
  const forward = await share(lina, m.id, { channel: "forward" });
  expect([forward.status, forward.body.error.details[0].path]).toEqual([422, "channel"]);
  const unknown = await share(lina, m.id, { channel: "card", channelId: "no-such-channel" });
  expect([unknown.status, unknown.body.error.details]).toEqual([422, [{ path: "channelId", message: "no such channel" }]]);

  const state = await buildChannel(app, manager, campaignId);
  const channelId = (await app.deps.db.manager.findOneByOrFail(Channel, { state })).id;
  const inChannel = await share(lina, m.id, { channel: "card", channelId });
  expect(inChannel.status).toBe(201);
  expect(inChannel.body.token).not.toBe((await shareOf(app, lina, m.id)).token);
  expect((await share(lina, m.id, { channel: "card", channelId })).body.token).toBe(inChannel.body.token);
});

test("the poster shows the material's picture and carries a mini-program code that opens the share", async () => {
  const teal: [number, number, number] = [18, 200, 171];
  const m = await buildMaterial(app, manager, { title: "海报素材", content: { kind: "poster", imageAssetId: (await uploadAsset(app, manager, await solidImage(teal))).id } });
  const { token } = await shareOf(app, wangFang, m.id, "poster");
  const poster = await request(app.url).get(`/api/shares/${token}/poster.png`).buffer(true);
  expect(poster.status).toBe(200);
  expect(poster.type).toBe("image/png");
  const png = poster.body as Buffer;
  expect(decodeQrPng(png)).toContain(`${MATERIAL_PAGE}?scene=${token}`);
  const { data, width } = await pixelsOf(png);
  const i = (200 * width + 375) * 4; // above the poster's white card, where only the picture shows
  expect([data[i], data[i + 1], data[i + 2]].every((v, k) => Math.abs(v - teal[k]) <= 3)).toBe(true);

  // A material without a picture gets the default background; the code still scans.
  const page = await buildMaterial(app, manager, { title: "活动页", content: { kind: "page", path: "pages/landing/index?state=abc" } });
  const pageShare = await shareOf(app, wangFang, page.id, "poster");
  const plain = await request(app.url).get(`/api/shares/${pageShare.token}/poster.png`).buffer(true);
  expect(decodeQrPng(plain.body as Buffer)).toContain(`${MATERIAL_PAGE}?scene=${pageShare.token}`);
  expect((await request(app.url).get("/api/shares/mnosuchtoken/poster.png")).status).toBe(404);
});

test("a chain of three forwards keeps the staff member and version, one level deeper each time", async () => {
  const m = await buildMaterial(app, manager, { title: "转发链" });
  const root = await shareOf(app, lina, m.id);
  const first = await forwardShare(app.deps, root.token, { kind: "customer", id: "customer-a" });
  const second = await forwardShare(app.deps, first.token, { kind: "device", id: "device-b-0001" });
  const third = await forwardShare(app.deps, second.token, { kind: "customer", id: "customer-c" });
  expect([first, second, third].map((s) => [s.depth, s.channel, s.staffUserId, s.versionId, s.materialId])).toEqual([
    [1, "forward", "LiNa", m.versionId, m.id],
    [2, "forward", "LiNa", m.versionId, m.id],
    [3, "forward", "LiNa", m.versionId, m.id],
  ]);
  expect([first.parentToken, second.parentToken, third.parentToken]).toEqual([root.token, first.token, second.token]);
  expect([first.sharerKind, second.sharerKind, third.sharerKind]).toEqual(["customer", "device", "customer"]);
  for (const s of [first, second, third]) expect(sceneProblem(s.token)).toBeNull();

  // The same viewer forwarding the same share again (or twice at once) gets the same child.
  const again = await Promise.all([forwardShare(app.deps, second.token, { kind: "customer", id: "customer-c" }), forwardShare(app.deps, second.token, { kind: "customer", id: "customer-c" })]);
  expect(again.map((s) => s.token)).toEqual([third.token, third.token]);
  expect((await forwardShare(app.deps, root.token, { kind: "customer", id: "customer-z" })).token).not.toBe(first.token);

  // Edits do not reach the chain: the end of it still shows version 1, credited to the staff member.
  expect((await edit(m, "转发链（新版）")).status).toBe(200);
  expect(await opened(third.token)).toMatchObject({ staffName: "李娜", material: { version: 1, title: "转发链" } });
  await expect(forwardShare(app.deps, "mnosuchtoken", { kind: "device", id: "device-x-0001" })).rejects.toMatchObject({ status: 404 });
});
