import QRCode from "qrcode";
import { sceneProblem } from "../../miniapp/scene";
import { ERR, fault, type JsonBody } from "./wire";

/** The platform's main page when a code names none, and our mini-program's first page. */
export const MAIN_PAGE = "pages/index/index";
const WIDTH = { default: 430, min: 280, max: 1280 };
/**
 * pngjs's row filters (passed through by qrcode, untyped there) cost seconds at 1280 px and gain
 * nothing on flat black-and-white runs: no filter.
 */
const PNG_OPTIONS = { filterType: 0 } as QRCode.QRCodeToBufferOptions["rendererOpts"];
const ENV_VERSIONS = new Set(["release", "trial", "develop"]);

/** One mini-program code the simulator drew. */
export interface DrawnWxaCode {
  atMs: number;
  scene: string;
  page: string;
  width: number;
  envVersion: string;
  /** What the QR encodes: the H5 build opening `page` with `scene`, as scanning opens the mini-program. */
  url: string;
}

export interface WxaCodeSettings {
  /** Where the H5 build of the mini-program is served. */
  h5BaseUrl: string;
  /** The released pages; when set, an unknown page is refused (41030) unless `check_path` is false. */
  pages?: readonly string[];
}

/** The H5 address that stands in for the mini-program page in sandbox. */
export const h5PageUrl = (h5BaseUrl: string, page: string, scene: string): string =>
  `${h5BaseUrl.replace(/\/+$/, "")}/#/${page}?scene=${encodeURIComponent(scene)}`;

/**
 * `getwxacodeunlimit`: checks the request as the platform does and draws the code. The platform
 * draws its round "sun" code; a plain QR code stands in for it, so phones and tests can scan it.
 */
export async function drawWxaCode(body: JsonBody, settings: WxaCodeSettings, atMs: number): Promise<{ code: DrawnWxaCode; png: Buffer }> {
  const scene = body.str("scene");
  if (sceneProblem(scene) !== null) throw fault(ERR.INVALID_SCENE, "invalid length for scene, or the data is not json string");
  const page = body.str("page") || MAIN_PAGE;
  if (body.bool("check_path", true) && (page.startsWith("/") || page.includes("?") || (settings.pages && !settings.pages.includes(page)))) {
    throw fault(ERR.INVALID_PAGE, "invalid page");
  }
  const envVersion = body.str("env_version") ?? "release";
  if (!ENV_VERSIONS.has(envVersion)) throw fault(ERR.INVALID_ARGS, "invalid args");
  const width = Math.min(WIDTH.max, Math.max(WIDTH.min, body.int("width") ?? WIDTH.default));
  const url = h5PageUrl(settings.h5BaseUrl, page, scene!);
  const png = await QRCode.toBuffer(url, { type: "png", width, margin: 2, errorCorrectionLevel: "M", rendererOpts: PNG_OPTIONS });
  return { code: { atMs, scene: scene!, page, width, envVersion, url }, png };
}
