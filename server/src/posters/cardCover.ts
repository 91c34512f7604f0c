import { createCanvas } from "@napi-rs/canvas";
import { requireText } from "./errors";
import { ensurePosterFonts, posterFont } from "./fonts";
import { drawLines, layoutText, type TextBlock } from "./text";

/** WeCom shows a mini-program card's cover at 5:4; this is its recommended size. */
export const CARD_COVER_SIZE = { width: 520, height: 416 } as const;

const PADDING = 40;
const TITLE: TextBlock = { font: posterFont(700, 44), color: "#ffffff", lineHeight: 60, maxWidth: CARD_COVER_SIZE.width - 2 * PADDING, maxLines: 3, align: "center" };

/** The cover of a mini-program card in a welcome message: its title on a warm gradient. */
export async function renderCardCover(title: string): Promise<Buffer> {
  ensurePosterFonts();
  const text = requireText("title", title);
  const { width, height } = CARD_COVER_SIZE;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  const gradient = ctx.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, "#ff7a45");
  gradient.addColorStop(1, "#f5222d");
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, width, height);
  const { lines, height: textHeight } = layoutText(ctx, text, TITLE);
  drawLines(ctx, lines, TITLE, PADDING, (height - textHeight) / 2);
  return canvas.encode("png");
}
