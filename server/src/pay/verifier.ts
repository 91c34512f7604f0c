import { X509Certificate, createPublicKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import type { WechatPaySettings } from "@scrm/config";
import { responseMessage, verifyMessage } from "./crypto";
import { SignatureVerificationError } from "./errors";

/** WeChat Pay rejects requests more than 5 minutes off; we hold its answers and notifications to the same. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export type HeaderBag = Record<string, string | string[] | undefined>;

export interface PlatformKey {
  /** A platform certificate's serial (hex), or a WeChat Pay public key's id (`PUB_KEY_ID_…`). */
  serial: string;
  publicKey: KeyObject;
}

/** Node lowercases incoming header names; a hand-built bag may not. */
function headerValue(headers: HeaderBag, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const key = wanted in headers ? wanted : Object.keys(headers).find((k) => k.toLowerCase() === wanted);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

/** Certificate serials are hex, written in either case. */
const serialKey = (serial: string) => serial.toUpperCase();

/**
 * Checks that an answer or a notification comes from WeChat Pay: the key named by
 * Wechatpay-Serial signed `TIMESTAMP\nNONCE\nBODY\n` over the raw body bytes, within the window.
 * Only configured keys are trusted; an unknown serial is never fetched from anywhere.
 */
export class WechatPayVerifier {
  /** The serial our requests name in `Wechatpay-Serial`, so WeChat Pay signs its answers with this key. */
  readonly serial: string;
  private readonly keys: Map<string, KeyObject>;

  constructor(keys: PlatformKey[]) {
    if (keys.length === 0) throw new Error("a WeChat Pay verifier needs at least one platform key");
    this.keys = new Map(keys.map((k) => [serialKey(k.serial), k.publicKey]));
    this.serial = keys[0].serial;
  }

  /** From the configured platform certificate (its serial read from the certificate) or public key and id. */
  static fromSettings(settings: WechatPaySettings): WechatPayVerifier {
    const { verifier } = settings;
    if (verifier.kind === "platformCert") {
      const cert = new X509Certificate(readFileSync(verifier.certPath));
      return new WechatPayVerifier([{ serial: cert.serialNumber, publicKey: cert.publicKey }]);
    }
    return new WechatPayVerifier([{ serial: verifier.keyId, publicKey: createPublicKey(readFileSync(verifier.keyPath)) }]);
  }

  /** Throws SignatureVerificationError unless the headers prove these bytes. `nowMs` is the real clock. */
  verify(headers: HeaderBag, rawBody: Buffer | string, nowMs: number = Date.now()): void {
    const timestamp = headerValue(headers, "Wechatpay-Timestamp");
    const nonce = headerValue(headers, "Wechatpay-Nonce");
    const signature = headerValue(headers, "Wechatpay-Signature");
    const serial = headerValue(headers, "Wechatpay-Serial");
    if (!timestamp || !nonce || !signature || !serial) throw new SignatureVerificationError("missing_header");
    const publicKey = this.keys.get(serialKey(serial));
    if (!publicKey) throw new SignatureVerificationError("unknown_serial");
    const body = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody;
    if (!verifyMessage(publicKey, responseMessage(timestamp, nonce, body), signature)) throw new SignatureVerificationError("bad_signature");
    // Checked after the signature, which covers the timestamp: a replay of an old, genuine message.
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowMs - Number(timestamp) * 1000) > SIGNATURE_WINDOW_MS) {
      throw new SignatureVerificationError("stale_timestamp");
    }
  }
}
