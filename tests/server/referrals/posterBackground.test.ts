import request from "supertest";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { POSTER_BACKGROUND_MAX_BYTES } from "@scrm/shared";
import type { TestApp } from "../../helpers/app";
import { bearerOf, buildCampaign, customerToken, sandboxLogin, startCouponWorld } from "../../helpers/coupons";
import { decodeQrPng } from "../../helpers/miniapp";
import { pixelsOf, type Pixels } from "../posters/pixels";
import { PosterBackground } from "../../../server/src/referrals/posterBackground.entity";

let app: TestApp;
let manager: string;
let campaignId: string;

beforeAll(async () => {
  ({ app, manager, campaignId } = await startCouponWorld());
});
afterAll(() => app.close());

type Rgb = [number, number, number];
const TEAL: Rgb = [18, 200, 171];
/** Above the poster's white card, where only the background shows. */
const UPPER = { x: 375, y: 200 };

async function solidImage([r, g, b]: Rgb, format: "png" | "jpeg" = "png", width = 600, height = 900): Promise<Buffer> {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
  ctx.fillRect(0, 0, width, height);
  return format === "png" ? canvas.encode("png") : canvas.encode("jpeg", 95);
}

const upload = (body: Buffer | string, contentType: string, token = manager, campaign = campaignId) =>
  request(app.url).put(`/api/campaigns/${campaign}/poster-background`).set(bearerOf(token)).set("Content-Type", contentType).send(body);

async function posterOf(token: string, campaign = campaignId): Promise<Buffer> {
  const res = await request(app.url).get(`/api/campaigns/${campaign}/my-referral/poster.png`).set(bearerOf(token)).buffer(true);
  expect(res.status).toBe(200);
  expect(res.type).toBe("image/png");
  return res.body as Buffer;
}

async function myCode(token: string, campaign = campaignId): Promise<string> {
  const res = await request(app.url).get(`/api/campaigns/${campaign}/my-referral`).set(bearerOf(token));
  return res.body.code as string;
}

const pixelAt = ({ data, width }: Pixels, x: number, y: number): Rgb => {
  const i = (y * width + x) * 4;
  return [data[i], data[i + 1], data[i + 2]];
};
const near = (a: Rgb, b: Rgb, tolerance = 3) => a.every((v, i) => Math.abs(v - b[i]) <= tolerance);

/** The pixels within `tolerance` of a colour, and the box they fill. */
function findColour(pixels: Pixels, colour: Rgb, tolerance = 2) {
  let count = 0;
  let [left, top, right, bottom] = [Infinity, Infinity, -1, -1];
  for (let y = 0; y < pixels.height; y++) {
    for (let x = 0; x < pixels.width; x++) {
      if (!near(pixelAt(pixels, x, y), colour, tolerance)) continue;
      count++;
      [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
    }
  }
  return { count, left, top, right, bottom };
}

const storedBackgrounds = (campaign = campaignId) => app.deps.db.manager.countBy(PosterBackground, { campaignId: campaign });

test("the campaign's uploaded background fills the poster, under the code that still scans", async () => {
  const lina = await sandboxLogin(app, "staff", "LiNa");
  const put = await upload(await solidImage(TEAL), "image/png");
  expect(put.status).toBe(200);
  expect(put.body).toMatchObject({ campaignId, contentType: "image/png" });
  expect(put.body.bytes).toBeGreaterThan(0);

  const got = await request(app.url).get(`/api/campaigns/${campaignId}/poster-background`).set(bearerOf(lina)).buffer(true);
  expect(got.status).toBe(200);
  expect(got.type).toBe("image/png");
  expect((got.body as Buffer).length).toBe(put.body.bytes);

  const poster = await posterOf(lina);
  expect(decodeQrPng(poster)).toContain(`pages/invite/index?scene=${await myCode(lina)}`);
  expect(near(pixelAt(await pixelsOf(poster), UPPER.x, UPPER.y), TEAL)).toBe(true);
});

test("a JPEG replaces the PNG; deleting it brings back the default gradient", async () => {
  const lina = await sandboxLogin(app, "staff", "LiNa");
  const purple: Rgb = [120, 40, 200];
  const put = await upload(await solidImage(purple, "jpeg"), "image/jpeg; charset=binary");
  expect(put.status).toBe(200);
  expect(put.body.contentType).toBe("image/jpeg");
  expect(await storedBackgrounds()).toBe(1);
  expect(near(pixelAt(await pixelsOf(await posterOf(lina)), UPPER.x, UPPER.y), purple, 6)).toBe(true);

  expect((await request(app.url).delete(`/api/campaigns/${campaignId}/poster-background`).set(bearerOf(manager))).status).toBe(204);
  expect((await request(app.url).get(`/api/campaigns/${campaignId}/poster-background`).set(bearerOf(lina))).status).toBe(404);
  expect((await request(app.url).delete(`/api/campaigns/${campaignId}/poster-background`).set(bearerOf(manager))).status).toBe(404);
  const [r, g, b] = pixelAt(await pixelsOf(await posterOf(lina)), UPPER.x, UPPER.y);
  expect(r).toBeGreaterThan(200); // the warm orange-to-red gradient
  expect(b).toBeLessThan(120);
  expect(near([r, g, b], purple, 20)).toBe(false);
});

test("a background near the 2 MB limit is stored whole and read back byte for byte", async () => {
  const other = await buildCampaign(app, manager, "大图测试");
  const size = 700;
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext("2d");
  const noise = ctx.createImageData(size, size);
  let x = 2463534242; // xorshift32: noise that PNG cannot compress, the same every run
  for (let i = 0; i < noise.data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    noise.data[i] = i % 4 === 3 ? 255 : x & 255;
  }
  ctx.putImageData(noise, 0, 0);
  const big = await canvas.encode("png");
  expect(big.length).toBeGreaterThan(1024 * 1024); // far past MySQL's BLOB (64 KB)
  expect(big.length).toBeLessThanOrEqual(POSTER_BACKGROUND_MAX_BYTES);
  expect((await upload(big, "image/png", manager, other)).status).toBe(200);
  const read = await request(app.url).get(`/api/campaigns/${other}/poster-background`).set(bearerOf(manager)).buffer(true);
  expect(Buffer.compare(read.body as Buffer, big)).toBe(0);
});

test("what is not a PNG or JPEG of at most 2 MB is refused, and nothing is stored", async () => {
  const other = await buildCampaign(app, manager, "春季拉新");
  const png = await solidImage(TEAL);
  const refusals = [
    await upload("a poster, honest", "text/plain", manager, other),
    await upload(png, "image/gif", manager, other),
    await upload(Buffer.concat([png.subarray(0, 64), Buffer.alloc(4096, 7)]), "image/png", manager, other),
    await upload(Buffer.from("not an image at all"), "image/png", manager, other),
    await upload(await solidImage(TEAL, "jpeg"), "image/png", manager, other),
    await upload(Buffer.alloc(0), "image/png", manager, other),
  ];
  expect(refusals.map((r) => [r.status, r.body.error?.code])).toEqual([
    [415, "bad_request"],
    [415, "bad_request"],
    [422, "validation_failed"],
    [422, "validation_failed"],
    [422, "validation_failed"],
    [422, "validation_failed"],
  ]);
  expect(refusals[2].body.error.details).toEqual({ field: "background" });

  const tooLarge = Buffer.concat([png, Buffer.alloc(POSTER_BACKGROUND_MAX_BYTES + 1 - png.length)]);
  const large = await upload(tooLarge, "image/png", manager, other);
  expect([large.status, large.body.error?.code]).toEqual([413, "payload_too_large"]);

  expect(await storedBackgrounds(other)).toBe(0);
  expect((await request(app.url).get(`/api/campaigns/${other}/poster-background`).set(bearerOf(manager))).status).toBe(404);
});

test("only a manager sets or removes a background; anyone signed in may read it", async () => {
  const other = await buildCampaign(app, manager, "夏日焕新");
  const png = await solidImage(TEAL, "png", 40, 40);
  const staff = await sandboxLogin(app, "staff", "WangFang");
  const customer = (await customerToken(app)).token;
  expect((await upload(png, "image/png", staff, other)).status).toBe(403);
  expect((await upload(png, "image/png", customer, other)).status).toBe(403);
  expect((await request(app.url).put(`/api/campaigns/${other}/poster-background`).set("Content-Type", "image/png").send(png)).status).toBe(401);
  expect(await storedBackgrounds(other)).toBe(0);
  expect((await upload(png, "image/png", manager, "no-such-campaign")).status).toBe(404);

  expect((await upload(png, "image/png", manager, other)).status).toBe(200);
  expect((await request(app.url).delete(`/api/campaigns/${other}/poster-background`).set(bearerOf(staff))).status).toBe(403);
  const read = await request(app.url).get(`/api/campaigns/${other}/poster-background`).set(bearerOf(customer)).buffer(true);
  expect(read.status).toBe(200);
  expect(Buffer.compare(read.body as Buffer, png)).toBe(0);
  expect((await request(app.url).get(`/api/campaigns/${other}/poster-background`)).status).toBe(401);
});

test("the campaign's name and its Chinese line are drawn as glyphs, not missing-glyph boxes", async () => {
  const spring = await buildCampaign(app, manager, "春日焕新");
  const summer = await buildCampaign(app, manager, "夏日特惠");
  const customer = (await customerToken(app)).token;
  const [a, b] = await Promise.all([posterOf(customer, spring), posterOf(customer, summer)]);
  const [pa, pb] = await Promise.all([pixelsOf(a), pixelsOf(b)]);
  // Equal-length headlines: boxes would draw the same pixels; glyphs do not. The left part only,
  // away from the codes (the two campaigns give the customer different referral codes).
  let differing = 0;
  for (let y = 0; y < pa.height; y++) {
    for (let x = 0; x < pa.width / 2; x++) if (!near(pixelAt(pa, x, y), pixelAt(pb, x, y), 0)) differing++;
  }
  expect(differing).toBeGreaterThan(500);
  // The caption's grey (#595959) is its own: headline, name and hint are other greys.
  const caption = findColour(pa, [0x59, 0x59, 0x59], 0);
  expect(caption.count).toBeGreaterThan(100);
  expect(caption.top).toBeGreaterThan(pa.height / 2);
});

test("a staff member's poster shows their WeCom photo; a customer without one gets the initial", async () => {
  const plain = await buildCampaign(app, manager, "会员日");
  const photo = await request(app.url).get("/sandbox/wecom/wwhead/sandbox-LiNa/0").buffer(true);
  expect(photo.status).toBe(200);
  const backdrop = pixelAt(await pixelsOf(photo.body as Buffer), 0, 0);

  const lina = await sandboxLogin(app, "staff", "LiNa");
  const drawn = findColour(await pixelsOf(await posterOf(lina, plain)), backdrop);
  expect(drawn.count).toBeGreaterThan(500);
  // In the avatar's circle: the lower-left of the card, 88 px across.
  expect(drawn.left).toBeGreaterThan(32);
  expect(drawn.right).toBeLessThan(32 + 36 + 88 + 8);
  expect(drawn.top).toBeGreaterThan(1334 / 2);

  const customer = (await customerToken(app)).token;
  expect(findColour(await pixelsOf(await posterOf(customer, plain)), backdrop).count).toBe(0);
});

test("the simulator serves sandbox avatars only", async () => {
  const image = await request(app.url).get("/sandbox/wecom/wwhead/sandbox-c1/100").buffer(true);
  expect(image.status).toBe(200);
  expect((await loadImage(image.body as Buffer)).width).toBe(100);
  expect((await request(app.url).get("/sandbox/wecom/wwhead/someone-else/0")).status).toBe(404);
});
