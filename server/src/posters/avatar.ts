import type { Image, SKRSContext2D } from "@napi-rs/canvas";
import { posterFont } from "./fonts";
import { drawCover } from "./images";

/** Tones white text reads well on. */
const PALETTE = ["#f5222d", "#fa8c16", "#13a8a8", "#1677ff", "#722ed1", "#eb2f96", "#389e0d", "#d48806"];

export interface Circle {
  cx: number;
  cy: number;
  radius: number;
}

/** The first character of the name, as people would write it on a badge: "张", "A". */
export function initialOf(name: string): string {
  const [first] = new Intl.Segmenter("zh", { granularity: "grapheme" }).segment(name.trim());
  return first ? first.segment.toUpperCase() : "?";
}

/** The same name always gets the same colour, so a staff member is recognisable across posters. */
function colourOf(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

/** A round avatar: the photo cropped to a circle, or the name's initial on a coloured disc. */
export function drawAvatar(ctx: SKRSContext2D, photo: Image | undefined, name: string, at: Circle): void {
  ctx.save();
  ctx.beginPath();
  ctx.arc(at.cx, at.cy, at.radius, 0, Math.PI * 2);
  ctx.closePath();
  if (photo) {
    ctx.clip();
    drawCover(ctx, photo, { x: at.cx - at.radius, y: at.cy - at.radius, width: 2 * at.radius, height: 2 * at.radius });
  } else {
    ctx.fillStyle = colourOf(name);
    ctx.fill();
    ctx.font = posterFont(700, Math.round(at.radius));
    ctx.fillStyle = "#ffffff";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(initialOf(name), at.cx, at.cy);
  }
  ctx.restore();
}
