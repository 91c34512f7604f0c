import { createCanvas } from "@napi-rs/canvas";

/**
 * The sandbox corp's profile pictures. Its members and customers carry WeCom-style avatar URLs
 * (`https://wework.qpic.cn/wwhead/sandbox-<seed>/0`); the simulator serves a picture for each at
 * the same path under its own base, so a poster can draw a photo without reaching WeChat.
 */
const SANDBOX_AVATAR = /^\/wwhead\/(sandbox-[\w-]{1,64})\/(\d{1,3})$/;
const AVATAR_HOST = "wework.qpic.cn";

/** Muted backdrops, like a studio photo's; none is one of the initial avatar's bright tones. */
const BACKDROPS = ["#5b7083", "#7a6a53", "#4f6d5a", "#6b5b7b", "#80604d", "#4d6a7a"];
const SKIN = "#f1c9a5";
const CLOTHES = "#2f3a45";

/** WeCom's size suffixes: 0 is the original, anything else a square that many pixels wide. */
const ORIGINAL_SIZE = 240;

export interface SandboxAvatar {
  seed: string;
  size: number;
}

/** The seed and size of a simulator avatar path (`/wwhead/sandbox-LiNa/0`), or undefined. */
export function sandboxAvatarOf(path: string): SandboxAvatar | undefined {
  const match = SANDBOX_AVATAR.exec(path);
  if (!match) return undefined;
  const size = Number(match[2]);
  return { seed: match[1], size: size === 0 ? ORIGINAL_SIZE : Math.min(Math.max(size, 16), ORIGINAL_SIZE) };
}

/**
 * Where a sandbox avatar URL is served by the simulator at `simulatorBase`; undefined for any
 * other URL, since sandbox mode fetches nothing from the internet.
 */
export function sandboxAvatarRoute(simulatorBase: string): (url: URL) => URL | undefined {
  return (url) => (url.hostname === AVATAR_HOST && sandboxAvatarOf(url.pathname) ? new URL(simulatorBase.replace(/\/$/, "") + url.pathname) : undefined);
}

export const backdropOf = (seed: string): string => {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return BACKDROPS[hash % BACKDROPS.length];
};

/** A head-and-shoulders silhouette on the seed's backdrop: the same seed, the same picture. */
export async function renderSandboxAvatar({ seed, size }: SandboxAvatar): Promise<Buffer> {
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = backdropOf(seed);
  ctx.fillRect(0, 0, size, size);
  ctx.fillStyle = CLOTHES;
  ctx.beginPath();
  ctx.ellipse(size / 2, size * 1.02, size * 0.36, size * 0.3, 0, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = SKIN;
  ctx.beginPath();
  ctx.arc(size / 2, size * 0.42, size * 0.18, 0, Math.PI * 2);
  ctx.fill();
  return canvas.encode("png");
}
