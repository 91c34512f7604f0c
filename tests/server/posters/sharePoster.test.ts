import { crc32 } from "node:zlib";
import { createCanvas } from "@napi-rs/canvas";
import { PosterInputError, qrPng, renderSharePoster, SHARE_POSTER_SIZE, type SharePoster } from "../../../server/src/posters";
import { initialOf } from "../../../server/src/posters/avatar";
import { differingPixels, pixelsOf, readQr, type Pixels } from "./pixels";

const SHARE_LINK = "https://scrm.example.com/s/Ab3dE9xQ?m=spring-expo";
const poster: SharePoster = {
  qrText: SHARE_LINK,
  name: "王小明",
  headline: "新客专享：到店试驾即送 500 元保养礼券",
  caption: "我已经领到了，推荐给你，一起来看看吧！",
};

async function solidImage(colour: string, width: number, height: number, format: "png" | "jpeg" = "png"): Promise<Buffer> {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, width, height);
  return format === "png" ? canvas.encode("png") : canvas.encode("jpeg");
}

/** A PNG that is only a header: it claims a size but carries no pixels. */
function pngHeaderClaiming(width: number, height: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data.set([8, 6, 0, 0, 0], 8);
  const body = Buffer.concat([Buffer.from("IHDR", "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(13);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), length, body, crc]);
}

/** Where pixels of exactly this colour are, and how many. */
function findColour({ data, width }: Pixels, [r, g, b]: [number, number, number]) {
  let count = 0;
  let [left, top, right, bottom] = [Infinity, Infinity, -1, -1];
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] !== r || data[i + 1] !== g || data[i + 2] !== b) continue;
    const x = (i / 4) % width;
    const y = Math.floor(i / 4 / width);
    count++;
    [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
  }
  return { count, width: right - left + 1, height: bottom - top + 1 };
}

test("the poster is 750 × 1334 and its code reads back as the share link", async () => {
  const png = await renderSharePoster(poster);
  const { width, height } = await pixelsOf(png);
  expect({ width, height }).toEqual(SHARE_POSTER_SIZE);
  expect(await readQr(png)).toBe(SHARE_LINK);
});

test("a ready code image, a background photo and an avatar are all drawn", async () => {
  // Our own QR image stands in for a mini-program code, which jsQR cannot read.
  const png = await renderSharePoster({
    name: poster.name,
    headline: poster.headline,
    qrPng: await qrPng(SHARE_LINK, { size: 430, margin: 1 }),
    background: await solidImage("#2b5876", 1200, 800, "jpeg"),
    avatar: await solidImage("#00ff00", 132, 132),
  });
  const pixels = await pixelsOf(png);
  expect(await readQr(png)).toBe(SHARE_LINK);
  // The avatar is cropped to a circle 88 px across: about π/4 of its square, not all of it.
  const avatar = findColour(pixels, [0, 255, 0]);
  expect(avatar.width).toBeGreaterThanOrEqual(86);
  expect(avatar.width).toBeLessThanOrEqual(88);
  expect(avatar.count / (avatar.width * avatar.height)).toBeGreaterThan(0.7);
  expect(avatar.count / (avatar.width * avatar.height)).toBeLessThan(0.82);
  // The background covers the page: its colour shows in the top corners (JPEG may shift it a little).
  const corner = [pixels.data[0], pixels.data[1], pixels.data[2]];
  corner.forEach((v, i) => expect(Math.abs(v - [0x2b, 0x58, 0x76][i])).toBeLessThanOrEqual(3));
});

test("without a photo the avatar is the name's initial", () => {
  expect(initialOf("王小明")).toBe("王");
  expect(initialOf("  alice")).toBe("A");
  expect(initialOf("👩‍💻 Lin")).toBe("👩‍💻"); // one grapheme, not half of a surrogate pair
});

test("the Chinese headline is drawn as glyphs: two headlines of equal length give different pixels", async () => {
  const [spring, summer, springAgain] = await Promise.all(
    ["春日焕新", "夏日特惠", "春日焕新"].map(async (headline) => pixelsOf(await renderSharePoster({ ...poster, headline }))),
  );
  expect(differingPixels(spring, springAgain)).toBe(0);
  expect(differingPixels(spring, summer)).toBeGreaterThan(1000);
});

test("bad input is refused with a PosterInputError naming the field", async () => {
  const refusal = (input: SharePoster) =>
    renderSharePoster(input).then(
      () => "rendered",
      (err: unknown) => (err instanceof PosterInputError ? `${err.field}: ${err.message}` : err),
    );
  expect(await refusal({ ...poster, background: Buffer.from("not an image") })).toBe("background: background is not a PNG, JPEG, GIF or WebP image");
  expect(await refusal({ ...poster, avatar: Buffer.alloc(0) })).toBe("avatar: avatar must be the bytes of an image");
  // Decoding would take 3.6 GB; the header alone is enough to refuse it.
  expect(await refusal({ ...poster, avatar: pngHeaderClaiming(30000, 30000) })).toBe("avatar: avatar is 30000 × 30000 pixels; at most 4096 × 4096");
  // A path where bytes belong is refused, not read from disk.
  expect(await refusal({ ...poster, background: "/etc/hostname" as unknown as Buffer })).toMatch(/^background: /);
  expect(await refusal({ ...poster, qrText: "x".repeat(3000) })).toMatch(/^qrText: qrText is too long/);
  expect(await refusal({ name: "王小明", headline: "春日焕新" } as SharePoster)).toMatch(/^qrText: give either qrPng/);
  expect(await refusal({ ...poster, qrPng: Buffer.from("png") } as unknown as SharePoster)).toMatch(/^qrText: give either qrPng/);
  expect(await refusal({ name: "王小明", headline: "春日焕新", qrPng: Buffer.from("png") })).toMatch(/^qrPng: qrPng is not a PNG/);
  expect(await refusal({ ...poster, name: " " })).toMatch(/^name: /);
  expect(await refusal({ ...poster, headline: "" })).toMatch(/^headline: /);
});
