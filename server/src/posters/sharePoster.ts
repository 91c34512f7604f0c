import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import { drawAvatar } from "./avatar";
import { PosterInputError, requireText } from "./errors";
import { ensurePosterFonts, posterFont } from "./fonts";
import { decodePosterImage, drawContain, drawCover } from "./images";
import { drawQr, qrMatrix } from "./qrCode";
import { drawLines, layoutText, type TextBlock } from "./text";

/** The code on the poster: a ready image (a mini-program code from WeChat) or a text to encode. */
export type ShareCode = { qrPng: Buffer; qrText?: undefined } | { qrText: string; qrPng?: undefined };

export type SharePoster = ShareCode & {
  /** The material's picture, cropped to fill; a warm gradient without one. */
  background?: Buffer;
  /** Who shares: the referrer or staff member the scan is credited to. */
  name: string;
  avatar?: Buffer;
  headline: string;
  caption?: string;
};

/** WeChat's usual poster size: 750 px is the width of a phone screen in rpx. */
export const SHARE_POSTER_SIZE = { width: 750, height: 1334 } as const;

const CARD_MARGIN = 32;
const CARD_PADDING = 36;
const CARD_RADIUS = 24;
const CARD_WIDTH = SHARE_POSTER_SIZE.width - 2 * CARD_MARGIN;
const INNER_WIDTH = CARD_WIDTH - 2 * CARD_PADDING;
const CODE_SIZE = 200;
const CODE_HINT = "长按识别";
const COLUMN_GAP = 32;
const AVATAR_RADIUS = 44;
const LEFT_WIDTH = INNER_WIDTH - CODE_SIZE - COLUMN_GAP;
const NAME_X = 2 * AVATAR_RADIUS + 20;
const GAP = 28;

const HEADLINE: TextBlock = { font: posterFont(700, 44), color: "#1f1f1f", lineHeight: 62, maxWidth: INNER_WIDTH, maxLines: 2 };
const NAME: TextBlock = { font: posterFont(700, 30), color: "#262626", lineHeight: 40, maxWidth: LEFT_WIDTH - NAME_X, maxLines: 1 };
const CAPTION: TextBlock = { font: posterFont(400, 26), color: "#595959", lineHeight: 38, maxWidth: LEFT_WIDTH, maxLines: 3 };
const HINT: TextBlock = { font: posterFont(400, 22), color: "#8c8c8c", lineHeight: 36, maxWidth: CODE_SIZE, maxLines: 1, align: "center" };

/**
 * A poster to share in WeChat: the picture fills the page, and a white card at the bottom carries
 * the headline, who shares it (round avatar, or their initial), a caption and the code to scan.
 */
export async function renderSharePoster(poster: SharePoster): Promise<Buffer> {
  ensurePosterFonts();
  const headline = requireText("headline", poster.headline);
  const name = requireText("name", poster.name);
  if (poster.caption !== undefined && typeof poster.caption !== "string") throw new PosterInputError("caption", "caption must be a text");
  if ((poster.qrPng === undefined) === (poster.qrText === undefined)) {
    throw new PosterInputError("qrText", "give either qrPng (an image of the code) or qrText (the text to encode), not both");
  }
  const matrix = poster.qrText !== undefined ? qrMatrix(poster.qrText) : undefined;
  const [background, avatar, codeImage] = await Promise.all([
    poster.background && decodePosterImage("background", poster.background),
    poster.avatar && decodePosterImage("avatar", poster.avatar),
    poster.qrPng && decodePosterImage("qrPng", poster.qrPng),
  ]);

  const { width, height } = SHARE_POSTER_SIZE;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  if (background) drawCover(ctx, background, { x: 0, y: 0, width, height });
  else paintDefaultBackground(ctx);

  const headlineText = layoutText(ctx, headline, HEADLINE);
  const nameText = layoutText(ctx, name, NAME);
  const captionText = poster.caption?.trim() ? layoutText(ctx, poster.caption, CAPTION) : undefined;
  const leftHeight = 2 * AVATAR_RADIUS + (captionText ? 20 + captionText.height : 0);
  const rowHeight = Math.max(leftHeight, CODE_SIZE + HINT.lineHeight);
  const cardHeight = CARD_PADDING + headlineText.height + 2 * GAP + 1 + rowHeight + CARD_PADDING;
  const cardTop = height - CARD_MARGIN - cardHeight;
  paintCard(ctx, cardTop, cardHeight);

  const left = CARD_MARGIN + CARD_PADDING;
  let top = cardTop + CARD_PADDING;
  drawLines(ctx, headlineText.lines, HEADLINE, left, top);
  top += headlineText.height + GAP;
  ctx.fillStyle = "#f0f0f0";
  ctx.fillRect(left, top, INNER_WIDTH, 1);
  top += 1 + GAP;

  drawAvatar(ctx, avatar, name, { cx: left + AVATAR_RADIUS, cy: top + AVATAR_RADIUS, radius: AVATAR_RADIUS });
  drawLines(ctx, nameText.lines, NAME, left + NAME_X, top + AVATAR_RADIUS - NAME.lineHeight / 2);
  if (captionText) drawLines(ctx, captionText.lines, CAPTION, left, top + 2 * AVATAR_RADIUS + 20);

  const codeBox = { x: left + INNER_WIDTH - CODE_SIZE, y: top, width: CODE_SIZE, height: CODE_SIZE };
  if (codeImage) drawContain(ctx, codeImage, codeBox);
  else if (matrix) drawQr(ctx, matrix, { x: codeBox.x, y: codeBox.y, size: CODE_SIZE, margin: 2 });
  drawLines(ctx, [CODE_HINT], HINT, codeBox.x, top + CODE_SIZE);

  return canvas.encode("png");
}

function paintDefaultBackground(ctx: SKRSContext2D): void {
  const { width, height } = SHARE_POSTER_SIZE;
  const gradient = ctx.createLinearGradient(0, 0, width * 0.4, height);
  gradient.addColorStop(0, "#ff9a44");
  gradient.addColorStop(1, "#e8432e");
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, width, height);
}

function paintCard(ctx: SKRSContext2D, top: number, height: number): void {
  ctx.save();
  ctx.shadowColor = "rgba(0, 0, 0, 0.18)";
  ctx.shadowBlur = 32;
  ctx.shadowOffsetY = 8;
  ctx.fillStyle = "#ffffff";
  ctx.beginPath();
  ctx.roundRect(CARD_MARGIN, top, CARD_WIDTH, height, CARD_RADIUS);
  ctx.fill();
  ctx.restore();
}
