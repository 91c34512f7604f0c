import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import { create, type BitMatrix } from "qrcode";
import { PosterInputError } from "./errors";

/** The modules of a QR code, without its quiet zone: `size` × `size`, row by row. */
export interface QrMatrix {
  readonly size: number;
  isDark(row: number, col: number): boolean;
}

/**
 * Error correction M: up to 15 % of the code may be lost, so a printed card survives a scratch or
 * a sticker, while the modules stay coarser than at Q or H and the code scans from further away.
 */
export function qrMatrix(text: string): QrMatrix {
  if (typeof text !== "string" || text === "") throw new PosterInputError("qrText", "qrText must be a non-empty text");
  let modules: BitMatrix;
  try {
    modules = create(text, { errorCorrectionLevel: "M" }).modules;
  } catch {
    // The library throws only when the data does not fit in version 40.
    const bytes = Buffer.byteLength(text, "utf8");
    const message = `qrText is too long for a QR code (${bytes} bytes; at most 2331 with error correction M); use a shorter link`;
    throw new PosterInputError("qrText", message);
  }
  return { size: modules.size, isDark: (row, col) => modules.get(row, col) === 1 };
}

export interface QrBox {
  x: number;
  y: number;
  /** Side of the square, quiet zone included. */
  size: number;
  /** Quiet zone in modules; 4 is the standard, less is fine when the code sits on white anyway. */
  margin: number;
}

/**
 * Paints the code on white inside the box. Modules are whole pixels, so no edge is blurred by
 * anti-aliasing; the code is centred and the rest of the box stays white.
 */
export function drawQr(ctx: SKRSContext2D, matrix: QrMatrix, box: QrBox): void {
  const modulePx = Math.floor(box.size / (matrix.size + 2 * box.margin));
  if (modulePx < 1) {
    throw new PosterInputError("size", `a ${box.size} px square cannot hold this QR code (${matrix.size} modules plus the margin)`);
  }
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(box.x, box.y, box.size, box.size);
  const offset = Math.floor((box.size - modulePx * matrix.size) / 2);
  const left = Math.round(box.x) + offset;
  const top = Math.round(box.y) + offset;
  ctx.fillStyle = "#000000";
  for (let row = 0; row < matrix.size; row++) {
    // One rectangle per run of dark modules: fewer draw calls, no seams between neighbours.
    for (let col = 0; col < matrix.size; ) {
      if (!matrix.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.isDark(row, col)) col++;
      ctx.fillRect(left + start * modulePx, top + row * modulePx, (col - start) * modulePx, modulePx);
    }
  }
}

export interface QrPngOptions {
  /** Side of the PNG in pixels; 512 unless told. */
  size?: number;
  /** Quiet zone in modules; 4 unless told. */
  margin?: number;
}

/** A PNG of the QR code alone, e.g. for a staff member to save or for a print shop. */
export async function qrPng(text: string, { size = 512, margin = 4 }: QrPngOptions = {}): Promise<Buffer> {
  if (!Number.isInteger(size) || size < 21 || size > 4096) {
    throw new PosterInputError("size", "size must be a whole number of pixels from 21 to 4096");
  }
  if (!Number.isInteger(margin) || margin < 0 || margin > 16) {
    throw new PosterInputError("margin", "margin must be a whole number of modules from 0 to 16");
  }
  const matrix = qrMatrix(text);
  const canvas = createCanvas(size, size);
  drawQr(canvas.getContext("2d"), matrix, { x: 0, y: 0, size, margin });
  return canvas.encode("png");
}
