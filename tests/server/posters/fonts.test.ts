import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import { ensurePosterFonts, posterFont, posterFontFiles, POSTER_FONT_FAMILY, type PosterFontWeight } from "../../../server/src/posters/fonts";

// The CI machine has no CJK font: were ours not loaded, every Chinese character would come out as
// the same missing-glyph box ("tofu"). These tests tell glyphs from boxes by their pixels.
beforeAll(ensurePosterFonts);

const SIZE = 72;
const MISSING = "\uffff"; // a noncharacter: no font has a glyph for it, so it draws the .notdef box

/** The ink of one character: 0 (paper) to 255 (black) for each pixel of a square cell. */
function ink(character: string, weight: PosterFontWeight = 400): Uint8Array {
  const ctx = createCanvas(SIZE + 24, SIZE + 24).getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, SIZE + 24, SIZE + 24);
  ctx.fillStyle = "#000000";
  ctx.font = posterFont(weight, SIZE);
  ctx.textBaseline = "middle";
  ctx.fillText(character, 12, (SIZE + 24) / 2);
  const { data } = ctx.getImageData(0, 0, SIZE + 24, SIZE + 24);
  return Uint8Array.from({ length: data.length / 4 }, (_, i) => 255 - data[i * 4]);
}

const total = (cell: Uint8Array) => cell.reduce((sum, v) => sum + v, 0);

/** Share of the inked pixels (in either cell) that are inked in one cell only. */
function difference(a: Uint8Array, b: Uint8Array): number {
  let inked = 0;
  let differing = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] > 127 || b[i] > 127) inked++;
    if ((a[i] > 127) !== (b[i] > 127)) differing++;
  }
  return differing / inked;
}

test("the font comes from the npm package, in two weights, registered once", () => {
  for (const file of posterFontFiles()) expect(file).toMatch(/node_modules\/@expo-google-fonts\/noto-sans-sc\/\w+\/NotoSansSC_\w+\.ttf$/);
  ensurePosterFonts();
  const family = GlobalFonts.families.filter((f) => f.family === POSTER_FONT_FAMILY);
  expect(family).toHaveLength(1);
  expect(family[0].styles.map((s) => s.weight).sort()).toEqual([400, 700]);
});

test("each Chinese character the posters print is a glyph of its own, not the missing-glyph box", () => {
  const box = ink(MISSING);
  expect(total(box)).toBeGreaterThan(0); // the comparison means something only if the box is drawn
  const characters = [..."扫码添加专属顾问，领取新客礼券长按识别王小明"];
  const cells = characters.map((c) => ink(c));
  cells.forEach((cell, i) => {
    expect({ character: characters[i], inked: total(cell) > 0 }).toEqual({ character: characters[i], inked: true });
    expect({ character: characters[i], unlikeTheBox: difference(cell, box) > 0.5 }).toEqual({ character: characters[i], unlikeTheBox: true });
  });
  for (let i = 0; i < cells.length; i++) {
    for (let j = i + 1; j < cells.length; j++) {
      expect({ pair: characters[i] + characters[j], distinct: difference(cells[i], cells[j]) > 0.3 }).toEqual({ pair: characters[i] + characters[j], distinct: true });
    }
  }
});

test("bold and regular are different faces", () => {
  expect(total(ink("券", 700))).toBeGreaterThan(1.2 * total(ink("券", 400)));
});

test("measureText gives CJK characters their full-width advance in our family", () => {
  const ctx = createCanvas(10, 10).getContext("2d");
  ctx.font = posterFont(400, 40);
  const width = (text: string) => ctx.measureText(text).width;
  // Noto Sans SC sets every ideograph on the same 1 em square: widths differ by kind, not by character.
  for (const c of "扫码券") expect(width(c)).toBeCloseTo(40, 1);
  expect(width("扫码添加")).toBeCloseTo(4 * width("扫"), 1);
  const latin = ["i", "W", "1"].map(width);
  expect(new Set(latin).size).toBe(3);
  for (const w of latin) expect(w).toBeGreaterThan(0);
  for (const w of latin) expect(w).toBeLessThan(width("扫"));
});
