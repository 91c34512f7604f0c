import { CHANNEL_CARD_SIZE, PosterInputError, renderChannelCard, type ChannelCard } from "../../../server/src/posters";
import { differingPixels, pixelsOf, pngChunks, readQr } from "./pixels";

const card: ChannelCard = {
  qrText: "https://work.weixin.qq.com/ca/cawcde5f3e2b9a7c1d4e",
  title: "2025 春季车展 · A 馆 12 号展台",
  subtitle: "扫码添加专属顾问，领取新客礼券",
  footer: "上海市浦东新区龙阳路 2345 号 · 活动最终解释权归主办方所有",
};

test("the card is A6 at 300 dpi, and its code reads back as the contact-way URL exactly", async () => {
  const png = await renderChannelCard(card);
  const { width, height } = await pixelsOf(png);
  expect({ width, height }).toEqual(CHANNEL_CARD_SIZE);
  const chunks = pngChunks(png);
  expect(chunks.types.slice(0, 2)).toEqual(["IHDR", "pHYs"]);
  expect(chunks.dpi).toEqual({ x: 300, y: 300 });
  expect(await readQr(png)).toBe(card.qrText);
});

test("long texts are cut to fit and the code still reads; the footer is optional", async () => {
  const crowded = await renderChannelCard({
    ...card,
    title: "春季车展".repeat(20),
    subtitle: "扫码添加专属顾问，领取新客礼券。".repeat(10),
    footer: "活动最终解释权归主办方所有".repeat(10),
  });
  expect(await readQr(crowded)).toBe(card.qrText);
  const plain = await renderChannelCard({ qrText: card.qrText, title: card.title, subtitle: card.subtitle });
  expect(await readQr(plain)).toBe(card.qrText);
});

test("the Chinese title is drawn as glyphs: two titles of equal length give different pixels", async () => {
  // Were the font missing, both would be four identical boxes in the same places.
  const [spring, autumn, springAgain] = await Promise.all(
    ["春季车展", "秋季新品", "春季车展"].map(async (title) => pixelsOf(await renderChannelCard({ ...card, title }))),
  );
  expect(differingPixels(spring, springAgain)).toBe(0);
  expect(differingPixels(spring, autumn)).toBeGreaterThan(2000);
});

test("bad input is refused with a PosterInputError naming the field", async () => {
  const fieldOf = (input: ChannelCard) =>
    renderChannelCard(input).then(
      () => "rendered",
      (err: unknown) => (err instanceof PosterInputError ? err.field : err),
    );
  expect(await fieldOf({ ...card, qrText: "x".repeat(3000) })).toBe("qrText");
  expect(await fieldOf({ ...card, title: "  " })).toBe("title");
  expect(await fieldOf({ ...card, subtitle: "" })).toBe("subtitle");
  expect(await fieldOf({ ...card, footer: 42 as unknown as string })).toBe("footer");
});
