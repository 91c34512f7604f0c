import { createCanvas } from "@napi-rs/canvas";
import { PosterInputError, requireText } from "./errors";
import { ensurePosterFonts, posterFont } from "./fonts";
import { withPrintDensity } from "./printDensity";
import { drawQr, qrMatrix } from "./qrCode";
import { drawLines, layoutText, type TextBlock } from "./text";
import { decodePosterImage, drawContain } from "./images";
import type { ShareCode } from "./sharePoster";

/**
 * The code on the card: WeCom's own contact QR image (`qrPng`, what `add_contact_way` gives as
 * `qr_code`), or a text to encode.
 */
export type ChannelCard = ShareCode & {
  /** The channel's name, e.g. "春季车展 A 馆展台". */
  title: string;
  /** The call to scan, e.g. "扫码添加专属顾问，领取新客礼券". */
  subtitle: string;
  /** Small print at the bottom: the store's address, the offer's terms. */
  footer?: string;
};

/** A6 portrait (105 × 148 mm) at 300 dpi, the density print shops expect. */
export const CHANNEL_CARD_DPI = 300;
export const CHANNEL_CARD_SIZE = { width: 1240, height: 1748 } as const;

const MARGIN = 100; // about 8.5 mm: clear of a print shop's trim
const CONTENT_WIDTH = CHANNEL_CARD_SIZE.width - 2 * MARGIN;
const QR_SIZE = 760; // about 64 mm: scans from over half a metre, and the longest texts still fit
const GAP_AFTER_TITLE = 80;
const GAP_AFTER_QR = 60;
const GAP_BEFORE_FOOTER = 40;

const CENTRED = { maxWidth: CONTENT_WIDTH, align: "center" } as const;
const TITLE: TextBlock = { ...CENTRED, font: posterFont(700, 88), color: "#1f1f1f", lineHeight: 118, maxLines: 2 };
const SUBTITLE: TextBlock = { ...CENTRED, font: posterFont(400, 56), color: "#3d3d3d", lineHeight: 80, maxLines: 3 };
const FOOTER: TextBlock = { ...CENTRED, font: posterFont(400, 38), color: "#8c8c8c", lineHeight: 54, maxLines: 2 };

/**
 * The printable card of a channel: its name on top, the contact QR code in the middle, the call to
 * scan below it, optional small print at the bottom. Title, code and call are centred together in
 * the space above the small print. Answers a PNG that carries its 300 dpi.
 */
export async function renderChannelCard(card: ChannelCard): Promise<Buffer> {
  ensurePosterFonts();
  if ((card.qrPng === undefined) === (card.qrText === undefined)) {
    throw new PosterInputError("qrText", "give either qrPng (an image of the code) or qrText (the text to encode), not both");
  }
  const matrix = card.qrText !== undefined ? qrMatrix(card.qrText) : undefined;
  const codeImage = card.qrPng !== undefined ? await decodePosterImage("qrPng", card.qrPng) : undefined;
  const title = requireText("title", card.title);
  const subtitle = requireText("subtitle", card.subtitle);
  if (card.footer !== undefined && typeof card.footer !== "string") throw new PosterInputError("footer", "footer must be a text");

  const { width, height } = CHANNEL_CARD_SIZE;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, width, height);

  const titleText = layoutText(ctx, title, TITLE);
  const subtitleText = layoutText(ctx, subtitle, SUBTITLE);
  const footerText = card.footer?.trim() ? layoutText(ctx, card.footer, FOOTER) : undefined;

  const bottom = height - MARGIN - (footerText ? footerText.height + GAP_BEFORE_FOOTER : 0);
  const groupHeight = titleText.height + GAP_AFTER_TITLE + QR_SIZE + GAP_AFTER_QR + subtitleText.height;
  let top = MARGIN + Math.max(0, (bottom - MARGIN - groupHeight) / 2);

  drawLines(ctx, titleText.lines, TITLE, MARGIN, top);
  top += titleText.height + GAP_AFTER_TITLE;
  const x = (width - QR_SIZE) / 2;
  if (matrix) drawQr(ctx, matrix, { x, y: top, size: QR_SIZE, margin: 2 });
  if (codeImage) drawContain(ctx, codeImage, { x, y: top, width: QR_SIZE, height: QR_SIZE });
  top += QR_SIZE + GAP_AFTER_QR;
  drawLines(ctx, subtitleText.lines, SUBTITLE, MARGIN, top);
  if (footerText) drawLines(ctx, footerText.lines, FOOTER, MARGIN, height - MARGIN - footerText.height);

  return withPrintDensity(await canvas.encode("png"), CHANNEL_CARD_DPI);
}
