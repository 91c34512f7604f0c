import { crc32 } from "node:zlib";

const SIGNATURE_AND_IHDR = 8 + 8 + 13 + 4; // signature, IHDR length + type, IHDR data, CRC

/**
 * Adds a pHYs chunk so print software sizes the PNG by its real density: without one it assumes
 * 72 or 96 dpi and an A6 card at 300 dpi prints four times too large. PNG wants pHYs before
 * IDAT; right after IHDR is always before it.
 */
export function withPrintDensity(png: Buffer, dpi: number): Buffer {
  const pixelsPerMetre = Math.round(dpi / 0.0254);
  const chunk = Buffer.alloc(4 + 4 + 9 + 4);
  chunk.writeUInt32BE(9, 0);
  chunk.write("pHYs", 4, "latin1");
  chunk.writeUInt32BE(pixelsPerMetre, 8);
  chunk.writeUInt32BE(pixelsPerMetre, 12);
  chunk.writeUInt8(1, 16); // unit: the metre
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 17)), 17);
  return Buffer.concat([png.subarray(0, SIGNATURE_AND_IHDR), chunk, png.subarray(SIGNATURE_AND_IHDR)]);
}
