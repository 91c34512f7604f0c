import type { SKRSContext2D } from "@napi-rs/canvas";

const graphemes = new Intl.Segmenter("zh", { granularity: "grapheme" });

/** Characters a line may break before or after: CJK, full-width forms, emoji. */
const BREAKS_ANYWHERE =
  /^(\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}|[\u3000-\u303f\uff00-\uffef]|\p{Extended_Pictographic})/u;
/** Chinese typesetting never starts a line with these (避头点), nor ends one with the openers. */
const NO_LINE_START = new Set([..."，。、；：！？）】」』》〉”’…·,.;:!?)]}%"]);
const NO_LINE_END = new Set([..."（【「『《〈“‘([{"]);

/** Part of a Latin word or number: a run of these is never broken unless wider than a line. */
const inWord = (g: string) => !BREAKS_ANYWHERE.test(g) && !NO_LINE_START.has(g) && !NO_LINE_END.has(g) && g !== " ";

/**
 * Splits text into pieces that stay on one line: a Latin word or number, or one CJK character,
 * together with the punctuation that must not be separated from them. A space is a piece alone.
 */
function pieces(text: string): string[] {
  const out: string[] = [];
  let previous = "";
  for (const { segment } of graphemes.segment(text)) {
    const joins =
      out.length > 0 &&
      previous !== " " &&
      segment !== " " &&
      (NO_LINE_END.has(previous) || NO_LINE_START.has(segment) || (inWord(previous) && inWord(segment)));
    if (joins) out[out.length - 1] += segment;
    else out.push(segment);
    previous = segment;
  }
  return out;
}

/** The longest start of `text` that fits with "…" after it. */
function ellipsize(ctx: SKRSContext2D, text: string, maxWidth: number): string {
  const chars = Array.from(graphemes.segment(text), (s) => s.segment);
  while (chars.length > 0 && ctx.measureText(`${chars.join("").trimEnd()}…`).width > maxWidth) chars.pop();
  return `${chars.join("").trimEnd()}…`;
}

/**
 * Breaks text into at most `maxLines` lines no wider than `maxWidth` in the context's current
 * font; what does not fit ends the last line with "…". Runs of white space count as one space.
 */
export function wrapLines(ctx: SKRSContext2D, text: string, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  const fits = (candidate: string) => ctx.measureText(candidate).width <= maxWidth;
  const queue = pieces(text.replace(/\s+/g, " ").trim());
  let i = 0;
  while (i < queue.length) {
    const piece = queue[i];
    if (line === "" && piece === " ") {
      i++;
    } else if (fits(line + piece)) {
      line += piece;
      i++;
    } else if (line === "") {
      // Wider than a whole line: a long URL breaks between characters; one character overflows.
      const chars = Array.from(graphemes.segment(piece), (g) => g.segment);
      let count = 1;
      while (count < chars.length && fits(chars.slice(0, count + 1).join(""))) count++;
      if (count === chars.length) {
        line = piece;
        i++;
      } else {
        queue.splice(i, 1, chars.slice(0, count).join(""), chars.slice(count).join(""));
      }
    } else {
      lines.push(line.trimEnd());
      line = "";
      if (lines.length === maxLines) {
        lines[maxLines - 1] = ellipsize(ctx, lines[maxLines - 1], maxWidth);
        return lines;
      }
    }
  }
  if (line !== "") lines.push(line.trimEnd());
  return lines;
}

export interface TextBlock {
  font: string;
  color: string;
  /** Distance between baselines. */
  lineHeight: number;
  maxWidth: number;
  maxLines: number;
  align?: "left" | "center";
}

/** Lays out the text in the block's font; the lines and the height they take. */
export function layoutText(ctx: SKRSContext2D, text: string, block: TextBlock): { lines: string[]; height: number } {
  ctx.font = block.font;
  const lines = wrapLines(ctx, text, block.maxWidth, block.maxLines);
  return { lines, height: lines.length * block.lineHeight };
}

/** Draws lines laid out by layoutText; `x` is the left edge of the block, `top` its top. */
export function drawLines(ctx: SKRSContext2D, lines: readonly string[], block: TextBlock, x: number, top: number): void {
  ctx.font = block.font;
  ctx.fillStyle = block.color;
  ctx.textBaseline = "middle";
  ctx.textAlign = block.align ?? "left";
  const anchor = block.align === "center" ? x + block.maxWidth / 2 : x;
  lines.forEach((line, i) => ctx.fillText(line, anchor, top + (i + 0.5) * block.lineHeight));
}
