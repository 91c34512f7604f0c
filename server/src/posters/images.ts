import { loadImage, type Image, type SKRSContext2D } from "@napi-rs/canvas";
import { imageSize } from "image-size";
import { PosterInputError, type PosterField } from "./errors";

const RASTER_TYPES = new Set(["png", "jpg", "gif", "webp"]);
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/**
 * Decoding is eager and takes 4 bytes a pixel: a 900 KB PNG that claims 30000 × 30000 would take
 * 3.6 GB. The header is read first and anything above 4096 × 4096 is refused before decoding.
 */
const MAX_IMAGE_PIXELS = 4096 * 4096;

/** An uploaded or fetched image, checked and decoded. EXIF rotation is applied by the decoder. */
export async function decodePosterImage(field: PosterField, bytes: Buffer): Promise<Image> {
  // Bytes only: given a string, loadImage would read a file or fetch a URL.
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new PosterInputError(field, `${field} must be the bytes of an image`);
  if (bytes.length > MAX_IMAGE_BYTES) throw new PosterInputError(field, `${field} is larger than 10 MB`);
  let header: ReturnType<typeof imageSize>;
  try {
    header = imageSize(bytes);
  } catch {
    throw new PosterInputError(field, `${field} is not a PNG, JPEG, GIF or WebP image`);
  }
  if (!header.type || !RASTER_TYPES.has(header.type)) throw new PosterInputError(field, `${field} is not a PNG, JPEG, GIF or WebP image`);
  if (header.width * header.height > MAX_IMAGE_PIXELS) {
    throw new PosterInputError(field, `${field} is ${header.width} × ${header.height} pixels; at most 4096 × 4096`);
  }
  try {
    const image = await loadImage(bytes);
    if (image.width > 0 && image.height > 0) return image;
  } catch {
    // A header that parses over a body that does not, e.g. a truncated upload.
  }
  throw new PosterInputError(field, `${field} is a damaged image`);
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Fills the rectangle, cropping the middle of the image as CSS `object-fit: cover` does. */
export function drawCover(ctx: SKRSContext2D, image: Image, to: Rect): void {
  const scale = Math.max(to.width / image.width, to.height / image.height);
  const width = to.width / scale;
  const height = to.height / scale;
  ctx.drawImage(image, (image.width - width) / 2, (image.height - height) / 2, width, height, to.x, to.y, to.width, to.height);
}

/** Fits the whole image inside the rectangle, centred, as `object-fit: contain` does. */
export function drawContain(ctx: SKRSContext2D, image: Image, to: Rect): void {
  const scale = Math.min(to.width / image.width, to.height / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  ctx.drawImage(image, to.x + (to.width - width) / 2, to.y + (to.height - height) / 2, width, height);
}
