/**
 * WeChat Pay API v3's cryptography, shared by our client and the simulator: RSA-SHA256 signatures
 * over the protocol's messages, and the AES-256-GCM envelope of notifications and certificates.
 */
import { createCipheriv, createDecipheriv, createSign, randomBytes, verify, type KeyObject } from "node:crypto";
import { ResourceDecryptError } from "./errors";

export const RESOURCE_ALGORITHM = "AEAD_AES_256_GCM";
const TAG_BYTES = 16;
const NONCE_CHARS = 12;
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export interface EncryptedResource {
  algorithm: typeof RESOURCE_ALGORITHM;
  /** base64 of the ciphertext followed by the 16-byte GCM tag. */
  ciphertext: string;
  /** 12 ASCII characters; their bytes are the GCM IV. */
  nonce: string;
  associated_data: string;
  original_type?: string;
}

/** Random letters and digits, as WeChat Pay's nonces are. */
export function randomAlnum(length: number): string {
  return Array.from(randomBytes(length), (b) => ALNUM[b % ALNUM.length]).join("");
}

/** base64 RSA-SHA256 (PKCS#1 v1.5) of the message. */
export function signMessage(privateKey: string | KeyObject, message: string | Buffer): string {
  return createSign("RSA-SHA256").update(message).sign(privateKey, "base64");
}

/** Whether the signature is the key's over these bytes. Never throws: a malformed signature is simply not valid. */
export function verifyMessage(publicKey: KeyObject, message: string | Buffer, signatureB64: string): boolean {
  try {
    return verify("RSA-SHA256", typeof message === "string" ? Buffer.from(message, "utf8") : message, publicKey, Buffer.from(signatureB64, "base64"));
  } catch {
    return false;
  }
}

/** What a merchant signs: `METHOD\nPATH_WITH_QUERY\nTIMESTAMP\nNONCE\nBODY\n` (an empty body for GET). */
export function requestMessage(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${method}\n${pathWithQuery}\n${timestamp}\n${nonce}\n`), Buffer.from(body), Buffer.from("\n")]);
}

/**
 * What WeChat Pay signs in an answer or a notification: `TIMESTAMP\nNONCE\nBODY\n`. Given the raw
 * body bytes, the message stays bytes, so a body that is not valid UTF-8 is still checked as sent.
 */
export function responseMessage(timestamp: string, nonce: string, body: string): string;
export function responseMessage(timestamp: string, nonce: string, body: Buffer): Buffer;
export function responseMessage(timestamp: string, nonce: string, body: string | Buffer): string | Buffer {
  if (typeof body === "string") return `${timestamp}\n${nonce}\n${body}\n`;
  return Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), body, Buffer.from("\n")]);
}

/** The APIv3 key is 32 ASCII characters whose bytes are the AES-256 key. */
function aesKey(apiV3Key: string): Buffer {
  const key = Buffer.from(apiV3Key, "utf8");
  if (key.length !== 32) throw new RangeError("the WeChat Pay APIv3 key must be 32 bytes");
  return key;
}

export function encryptResource(plaintext: string, apiV3Key: string, associatedData: string, nonce: string = randomAlnum(NONCE_CHARS)): EncryptedResource {
  const cipher = createCipheriv("aes-256-gcm", aesKey(apiV3Key), Buffer.from(nonce, "utf8"));
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: RESOURCE_ALGORITHM, ciphertext: sealed.toString("base64"), nonce, associated_data: associatedData };
}

/**
 * Decrypts and authenticates: `final()` checks the tag over the ciphertext, the nonce and the
 * associated data, so any change to them throws ResourceDecryptError instead of yielding garbage.
 */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string {
  if (resource.algorithm !== RESOURCE_ALGORITHM) throw new ResourceDecryptError(`unsupported algorithm ${String(resource.algorithm)}`);
  const key = aesKey(apiV3Key);
  const sealed = Buffer.from(resource.ciphertext, "base64");
  if (sealed.length < TAG_BYTES) throw new ResourceDecryptError("ciphertext shorter than its tag");
  const nonce = Buffer.from(resource.nonce, "utf8");
  if (nonce.length === 0) throw new ResourceDecryptError("empty nonce");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(resource.associated_data, "utf8"));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new ResourceDecryptError("authentication failed");
  }
}
