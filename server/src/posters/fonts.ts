import { GlobalFonts } from "@napi-rs/canvas";

/**
 * Our own alias, not "Noto Sans SC": a machine with a system Noto could otherwise answer the name
 * with its copy, and the CI machine has no CJK font at all, so posters must never depend on one.
 */
export const POSTER_FONT_FAMILY = "Poster Noto Sans SC";

const FONT_PACKAGE = "@expo-google-fonts/noto-sans-sc";
const FONT_FILES = { 400: "400Regular/NotoSansSC_400Regular.ttf", 700: "700Bold/NotoSansSC_700Bold.ttf" } as const;
export type PosterFontWeight = keyof typeof FONT_FILES;

/** The font files as shipped in the npm package (about 10 MB each). */
export const posterFontFiles = (): string[] => Object.values(FONT_FILES).map((file) => require.resolve(`${FONT_PACKAGE}/${file}`));

/**
 * Registers the two weights once per process. The check asks the native registry rather than a
 * module flag, because jest loads this module afresh in every test file of one worker.
 */
export function ensurePosterFonts(): void {
  if (GlobalFonts.has(POSTER_FONT_FAMILY)) return;
  for (const path of posterFontFiles()) {
    if (!GlobalFonts.registerFromPath(path, POSTER_FONT_FAMILY)) throw new Error(`cannot load the poster font ${path}`);
  }
}

/** A CSS font shorthand for the canvas: `posterFont(700, 48)`. Call ensurePosterFonts before drawing. */
export function posterFont(weight: PosterFontWeight, sizePx: number): string {
  return `${weight} ${sizePx}px "${POSTER_FONT_FAMILY}"`;
}
