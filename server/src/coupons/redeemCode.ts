import { createHmac, timingSafeEqual } from "node:crypto";

/** A code lives for its minute and the next one, so a code shown at 10:00:59 still scans at 10:01:30. */
export const CODE_WINDOW_MS = 60_000;
const PREFIX = "SC1";
const MAC_BYTES = 12;

/**
 * The in-store code of a coupon: its id, the minute it was made in, and a MAC under a server key.
 * It changes every minute, so a screenshot from yesterday does not redeem; it is a security
 * window, so it runs on the real clock.
 */
export class RedeemCodes {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac("sha256", secret).update("scrm/coupon-redeem-code").digest();
  }

  issue(claimId: string, nowMs = Date.now()): { code: string; expiresAt: Date; refreshAfterMs: number } {
    const window = Math.floor(nowMs / CODE_WINDOW_MS);
    const body = Buffer.concat([uuidBytes(claimId), windowBytes(window)]);
    return {
      code: PREFIX + Buffer.concat([body, this.mac(body)]).toString("base64url"),
      expiresAt: new Date((window + 2) * CODE_WINDOW_MS),
      refreshAfterMs: (window + 1) * CODE_WINDOW_MS - nowMs,
    };
  }

  /** The coupon a code names, or undefined when it is malformed, forged or out of its window. */
  read(code: string, nowMs = Date.now()): string | undefined {
    if (!code.startsWith(PREFIX)) return undefined;
    const raw = Buffer.from(code.slice(PREFIX.length), "base64url");
    if (raw.length !== 16 + 4 + MAC_BYTES) return undefined;
    const body = raw.subarray(0, 20);
    if (!timingSafeEqual(raw.subarray(20), this.mac(body))) return undefined;
    const age = Math.floor(nowMs / CODE_WINDOW_MS) - body.readUInt32BE(16);
    // The next minute too: instances' clocks may differ by a little.
    if (age < -1 || age > 1) return undefined;
    return uuidText(body.subarray(0, 16));
  }

  private mac(body: Buffer): Buffer {
    return createHmac("sha256", this.key).update(body).digest().subarray(0, MAC_BYTES);
  }
}

function windowBytes(window: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(window);
  return bytes;
}

const uuidBytes = (id: string): Buffer => Buffer.from(id.replace(/-/g, ""), "hex");
const uuidText = (bytes: Buffer): string => bytes.toString("hex").replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
