import request from "supertest";
import { createCanvas } from "@napi-rs/canvas";
import type { MaterialAssetView, MaterialInput, MaterialView, ShareView } from "@scrm/shared";
import type { TestApp } from "./app";
import { bearerOf } from "./coupons";

type Rgb = [number, number, number];

/** A picture of one colour, as PNG or JPEG bytes. */
export async function solidImage([r, g, b]: Rgb, format: "png" | "jpeg" = "png", width = 600, height = 900): Promise<Buffer> {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
  ctx.fillRect(0, 0, width, height);
  return format === "png" ? canvas.encode("png") : canvas.encode("jpeg", 95);
}

/** The smallest complete PDF: one empty page. */
export function tinyPdf(): Buffer {
  return Buffer.from(
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
      "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    "latin1",
  );
}

/** Uploads an asset as a manager; throws unless it was stored. */
export async function uploadAsset(app: TestApp, manager: string, bytes: Buffer, contentType = "image/png"): Promise<MaterialAssetView> {
  const res = await request(app.url).post("/api/material-assets").set(bearerOf(manager)).set("Content-Type", contentType).send(bytes);
  if (res.status !== 201) throw new Error(`asset: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as MaterialAssetView;
}

/** A poster material (a fresh picture as its image) unless `overrides` say otherwise. */
export async function buildMaterial(app: TestApp, manager: string, overrides: Partial<MaterialInput> = {}): Promise<MaterialView> {
  const content = overrides.content ?? { kind: "poster" as const, imageAssetId: (await uploadAsset(app, manager, await solidImage([18, 200, 171], "png", 60, 90))).id };
  const res = await request(app.url)
    .post("/api/materials")
    .set(bearerOf(manager))
    .send({ title: "冬季新品上市", summary: "全场新品八折", scripts: ["新品到了，给您看看"], category: "新品", tags: ["冬季"], ...overrides, content });
  if (res.status !== 201) throw new Error(`material: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.material as MaterialView;
}

/** A staff member's share of a material on a channel; throws unless the share was made. */
export async function shareOf(app: TestApp, staff: string, materialId: string, channel: "card" | "poster" = "card"): Promise<ShareView> {
  const res = await request(app.url).post(`/api/materials/${materialId}/shares`).set(bearerOf(staff)).send({ channel });
  if (res.status !== 201) throw new Error(`share: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ShareView;
}

/** The input that made `m`, with changes (what a manager's edit form sends back). */
export const inputOf = (m: MaterialView, changes: Partial<MaterialInput> = {}): MaterialInput => ({
  title: m.title,
  summary: m.summary,
  coverAssetId: m.coverAssetId ?? undefined,
  content: m.content,
  scripts: m.scripts,
  callToAction: m.callToAction ?? undefined,
  category: m.category,
  tags: m.tags,
  campaignId: m.campaignId ?? undefined,
  enabled: m.enabled,
  ...changes,
});

/** A manager's edit of a material (a new version); throws unless it was saved. */
export async function editMaterial(app: TestApp, manager: string, m: MaterialView, changes: Partial<MaterialInput>): Promise<MaterialView> {
  const res = await request(app.url).put(`/api/materials/${m.id}`).set(bearerOf(manager)).send(inputOf(m, changes));
  if (res.status !== 200) throw new Error(`edit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.material as MaterialView;
}
