import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { keyedHash } from "./ids";

/**
 * Personal data at rest (PIPL): AES-256-GCM with PII_ENCRYPTION_KEY, and a keyed hash with
 * PII_HASH_KEY to find a record by the value without storing it in clear.
 */
export class PiiVault {
  private readonly key: Buffer;

  constructor(
    encryptionKeyHex: string,
    private readonly hashKey: string,
  ) {
    this.key = Buffer.from(encryptionKeyHex, "hex");
  }

  /** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return ["v1", iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split(".");
    if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("not a sealed value");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  }

  lookupHash(value: string): string {
    return keyedHash(this.hashKey, value);
  }
}
