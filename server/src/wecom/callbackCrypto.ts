import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Why a callback was refused. Every cipher or signature failure is one of these, never a crash. */
export type CallbackRejection =
  | "bad_signature"
  | "stale_timestamp"
  | "bad_base64"
  | "bad_ciphertext"
  | "bad_padding"
  | "bad_length"
  | "wrong_receive_id";

export class CallbackCryptoError extends Error {
  constructor(
    readonly reason: CallbackRejection,
    message: string,
  ) {
    super(message);
    this.name = "CallbackCryptoError";
  }
}

const BLOCK = 32; // WeCom pads PKCS#7 to 32 bytes, not AES's 16
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** WeCom's clock and ours may differ a little; a request older or newer than this is refused. */
export const TIMESTAMP_WINDOW_S = 300;

/**
 * WeCom's callback cipher (AES-256-CBC, key = base64(EncodingAESKey + "="), IV = its first 16 bytes,
 * plaintext = 16 random bytes | 4-byte big-endian length | message | receive id) and its SHA-1
 * signature. Shared by our callback route and the WeCom simulator.
 */
export class CallbackCrypto {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  constructor(
    private readonly token: string,
    encodingAesKey: string,
    private readonly receiveId: string,
  ) {
    this.key = Buffer.from(encodingAesKey + "=", "base64");
    if (this.key.length !== 32) throw new Error("EncodingAESKey must decode to 32 bytes");
    this.iv = this.key.subarray(0, 16);
  }

  signature(timestamp: string, nonce: string, encrypted: string): string {
    return createHash("sha1").update([this.token, timestamp, nonce, encrypted].sort().join("")).digest("hex");
  }

  /** Checks the signature (constant time) and the timestamp window against the real clock. */
  verify(signature: string, timestamp: string, nonce: string, encrypted: string, nowMs = Date.now()): void {
    const expected = Buffer.from(this.signature(timestamp, nonce, encrypted), "utf8");
    const given = Buffer.from(signature, "utf8");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new CallbackCryptoError("bad_signature", "signature does not match");
    }
    const seconds = Number(timestamp);
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowMs / 1000 - seconds) > TIMESTAMP_WINDOW_S) {
      throw new CallbackCryptoError("stale_timestamp", "timestamp is outside the accepted window");
    }
  }

  /** The whole receiving side: signature and time window first, then the cipher. */
  open(signature: string, timestamp: string, nonce: string, encrypted: string, nowMs = Date.now()): string {
    this.verify(signature, timestamp, nonce, encrypted, nowMs);
    return this.decrypt(encrypted);
  }

  decrypt(encrypted: string): string {
    if (!BASE64.test(encrypted) || encrypted.length % 4 !== 0) throw new CallbackCryptoError("bad_base64", "ciphertext is not base64");
    const data = Buffer.from(encrypted, "base64");
    if (data.length === 0 || data.length % BLOCK !== 0) {
      throw new CallbackCryptoError("bad_ciphertext", "ciphertext is not a whole number of blocks");
    }
    const decipher = createDecipheriv("aes-256-cbc", this.key, this.iv).setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(data), decipher.final()]);
    const plain = unpad(padded);
    if (plain.length < 20) throw new CallbackCryptoError("bad_length", "plaintext is too short");
    const length = plain.readUInt32BE(16);
    if (20 + length > plain.length) throw new CallbackCryptoError("bad_length", "message length runs past the buffer");
    const receiveId = plain.subarray(20 + length).toString("utf8");
    if (receiveId !== this.receiveId) throw new CallbackCryptoError("wrong_receive_id", "receive id is not ours");
    return plain.subarray(20, 20 + length).toString("utf8");
  }

  encrypt(message: string, random: Buffer = randomBytes(16)): string {
    const body = Buffer.from(message, "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const plain = pad(Buffer.concat([random, length, body, Buffer.from(this.receiveId, "utf8")]));
    const cipher = createCipheriv("aes-256-cbc", this.key, this.iv).setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString("base64");
  }
}

function pad(data: Buffer): Buffer {
  const n = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

function unpad(data: Buffer): Buffer {
  const n = data[data.length - 1];
  if (n < 1 || n > BLOCK || n > data.length) throw new CallbackCryptoError("bad_padding", "invalid padding");
  for (let i = data.length - n; i < data.length; i++) {
    if (data[i] !== n) throw new CallbackCryptoError("bad_padding", "invalid padding");
  }
  return data.subarray(0, data.length - n);
}
