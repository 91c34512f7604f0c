// Reads rendered posters back the way a phone would: decode the PNG, then look for the QR code.
import { createCanvas, loadImage } from "@napi-rs/canvas";
import jsQR from "jsqr";

export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export async function pixelsOf(png: Buffer): Promise<Pixels> {
  const image = await loadImage(png);
  const ctx = createCanvas(image.width, image.height).getContext("2d");
  ctx.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: ctx.getImageData(0, 0, image.width, image.height).data };
}

/**
 * The text in the first QR code jsQR finds, read as UTF-8 bytes; undefined when none is found.
 * The image is first scaled down to at most 900 px a side, as a phone's camera sees a printed card
 * (and jsQR takes seconds over a 300 dpi page).
 */
export async function readQr(png: Buffer): Promise<string | undefined> {
  const image = await loadImage(png);
  const scale = Math.min(1, 900 / Math.max(image.width, image.height));
  const width = Math.round(image.width * scale);
  const height = Math.round(image.height * scale);
  const ctx = createCanvas(width, height).getContext("2d");
  ctx.drawImage(image, 0, 0, width, height);
  const found = jsQR(ctx.getImageData(0, 0, width, height).data, width, height, { inversionAttempts: "dontInvert" });
  return found ? Buffer.from(found.binaryData).toString("utf8") : undefined;
}

/** The PNG's chunk types in order, and its pHYs density in dots per inch when there is one. */
export function pngChunks(png: Buffer): { types: string[]; dpi?: { x: number; y: number } } {
  const types: string[] = [];
  let dpi: { x: number; y: number } | undefined;
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    types.push(type);
    if (type === "pHYs" && png[at + 16] === 1) {
      dpi = { x: Math.round(png.readUInt32BE(at + 8) * 0.0254), y: Math.round(png.readUInt32BE(at + 12) * 0.0254) };
    }
    at += 12 + length;
  }
  return { types, dpi };
}

/** How many pixels of two same-sized renders differ. */
export function differingPixels(a: Pixels, b: Pixels): number {
  let count = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2]) count++;
  }
  return count;
}
