import request from "supertest";
import { createHash } from "node:crypto";
import { MATERIAL_ASSET_MAX_BYTES } from "@scrm/shared";
import type { TestApp } from "../../helpers/app";
import { bearerOf, customerToken, sandboxLogin, startCouponWorld } from "../../helpers/coupons";
import { solidImage, tinyPdf, uploadAsset } from "../../helpers/materials";
import { MaterialAsset } from "../../../server/src/materials/material.entity";

let app: TestApp;
let manager: string;

beforeAll(async () => {
  ({ app, manager } = await startCouponWorld());
});
afterAll(() => app.close());

const upload = (body: Buffer | string, contentType: string, token = manager) =>
  request(app.url).post("/api/material-assets").set(bearerOf(token)).set("Content-Type", contentType).send(body);
const fetchAsset = (id: string) => request(app.url).get(`/api/material-assets/${id}`).buffer(true);
const storedAssets = () => app.deps.db.manager.count(MaterialAsset);

test("PNG, JPEG and PDF uploads come back byte for byte, to anyone, with immutable caching", async () => {
  const files: [Buffer, string][] = [
    [await solidImage([200, 30, 30]), "image/png"],
    [await solidImage([30, 30, 200], "jpeg"), "image/jpeg; charset=binary"],
    [tinyPdf(), "application/pdf"],
  ];
  for (const [bytes, type] of files) {
    const stored = await uploadAsset(app, manager, bytes, type);
    expect(stored).toEqual({ id: expect.any(String), contentType: type.split(";")[0], size: bytes.length });
    const got = await fetchAsset(stored.id); // no session: viewers need not be logged in
    expect(got.status).toBe(200);
    expect(got.type).toBe(stored.contentType);
    expect(Buffer.compare(got.body as Buffer, bytes)).toBe(0);
    expect(got.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(got.headers.etag).toBe(`"${createHash("sha256").update(bytes).digest("hex")}"`);
    const again = await request(app.url).get(`/api/material-assets/${stored.id}`).set("If-None-Match", got.headers.etag);
    expect(again.status).toBe(304);
  }
  expect((await fetchAsset("no-such-asset")).status).toBe(404);
});

test("an asset of several MB (past MySQL's 64 KB BLOB) is stored whole", async () => {
  const big = Buffer.concat([tinyPdf().subarray(0, 9), Buffer.alloc(3 * 1024 * 1024, 0x20), Buffer.from("\n%%EOF\n")]);
  const stored = await uploadAsset(app, manager, big, "application/pdf");
  expect(Buffer.compare((await fetchAsset(stored.id)).body as Buffer, big)).toBe(0);
});

test("wrong types, mismatched, damaged, empty or oversized bodies are refused, and nothing is stored", async () => {
  const before = await storedAssets();
  const png = await solidImage([10, 160, 90]);
  const refusals = [
    await upload("hello", "text/plain"),
    await upload(png, "image/gif"),
    await upload(png, ""),
    await upload(await solidImage([1, 2, 3], "jpeg"), "image/png"),
    await upload(png, "application/pdf"),
    await upload(Buffer.from("just some text"), "image/jpeg"),
    await upload(Buffer.concat([png.subarray(0, 64), Buffer.alloc(4096, 7)]), "image/png"),
    await upload(tinyPdf().subarray(0, 60), "application/pdf"),
    await upload(Buffer.alloc(0), "image/png"),
  ];
  expect(refusals.map((r) => [r.status, r.body.error?.code])).toEqual([
    [415, "bad_request"],
    [415, "bad_request"],
    [415, "bad_request"],
    [422, "validation_failed"],
    [422, "validation_failed"],
    [422, "validation_failed"],
    [422, "validation_failed"],
    [422, "validation_failed"],
    [422, "validation_failed"],
  ]);
  expect(refusals[3].body.error.message).toMatch(/JPEG image, not the declared PNG/);
  expect(refusals[6].body.error.details).toEqual({ field: "body" });
  expect(refusals[6].body.error.message).toMatch(/PNG image/);

  const tooLarge = Buffer.concat([png, Buffer.alloc(MATERIAL_ASSET_MAX_BYTES + 1 - png.length)]);
  const large = await upload(tooLarge, "image/png");
  expect([large.status, large.body.error?.code]).toEqual([413, "payload_too_large"]);
  expect(await storedAssets()).toBe(before);
});

test("only managers upload", async () => {
  const png = await solidImage([10, 160, 90], "png", 20, 20);
  const staff = await sandboxLogin(app, "staff", "LiNa");
  const customer = (await customerToken(app)).token;
  expect((await upload(png, "image/png", staff)).status).toBe(403);
  expect((await upload(png, "image/png", customer)).status).toBe(403);
  expect((await request(app.url).post("/api/material-assets").set("Content-Type", "image/png").send(png)).status).toBe(401);
});
