import { createCanvas } from "@napi-rs/canvas";
import { ensurePosterFonts, posterFont } from "../../../server/src/posters/fonts";
import { wrapLines } from "../../../server/src/posters/text";

beforeAll(ensurePosterFonts);

// At 40 px every CJK character is 40 px wide, so a 200 px line holds exactly five.
const ctx = createCanvas(10, 10).getContext("2d");
const wrap = (text: string, maxWidth = 200, maxLines = 5) => {
  ctx.font = posterFont(400, 40);
  return wrapLines(ctx, text, maxWidth, maxLines);
};

test("Chinese breaks between any two characters, and every line fits", () => {
  const lines = wrap("扫码添加专属顾问领取新客礼券");
  expect(lines).toEqual(["扫码添加专", "属顾问领取", "新客礼券"]);
  for (const line of lines) expect(ctx.measureText(line).width).toBeLessThanOrEqual(200);
});

test("no line starts with a closing mark or ends with an opening one", () => {
  // "，" would start the second line: the character before it goes down with it…
  expect(wrap("扫码添加顾，领取礼券")).toEqual(["扫码添加", "顾，领取礼", "券"]);
  // …and "（" would end the first line: it goes down with the character it opens.
  expect(wrap("扫码添加（新客）礼券")).toEqual(["扫码添加", "（新客）礼", "券"]);
});

test("Latin words and numbers are kept whole; spaces are where they break", () => {
  const lines = wrap("Spring Expo 2025 展台", 240);
  expect(lines).toEqual(["Spring Expo", "2025 展台"]);
});

test("a word longer than the line is broken between its characters", () => {
  const url = "https://example.com/very/long/path";
  const lines = wrap(url, 200);
  expect(lines.join("")).toBe(url);
  for (const line of lines) expect(ctx.measureText(line).width).toBeLessThanOrEqual(200);
});

test("what does not fit in the last line ends with an ellipsis", () => {
  const lines = wrap("扫码添加专属顾问领取新客礼券", 200, 2);
  expect(lines).toEqual(["扫码添加专", "属顾问领…"]);
  expect(ctx.measureText(lines[1]).width).toBeLessThanOrEqual(200);
  expect(wrap("王小明 Alexander Hamilton", 200, 1)).toEqual(["王小明…"]);
});

test("runs of white space and line feeds count as one space", () => {
  expect(wrap("  春日\n\n焕新  ")).toEqual(["春日 焕新"]);
});
