import { decryptResource, type EncryptedResource } from "./crypto";
import { InvalidNotificationError } from "./errors";
import type { HeaderBag, WechatPayVerifier } from "./verifier";

/** A notification WeChat Pay signed and we decrypted. Redeliveries carry the same `id`: dedupe on it. */
export interface PayNotification {
  id: string;
  createTime: string;
  /** e.g. `COUPON.USE`, `TRANSACTION.SUCCESS`. */
  eventType: string;
  resourceType: string;
  summary?: string;
  /** The decrypted resource, parsed from JSON. */
  resource: unknown;
  associatedData: string;
}

/** The only resource type WeChat Pay's v3 notifications carry. */
export const ENCRYPTED_RESOURCE_TYPE = "encrypt-resource";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function parseJson(text: string, reason: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidNotificationError(reason);
  }
}

function requireString(fields: Record<string, unknown>, name: string, where: string): string {
  const value = fields[name];
  if (typeof value !== "string" || value === "") throw new InvalidNotificationError(`${where}.${name} missing`);
  return value;
}

/**
 * The one pipeline for what WeChat Pay POSTs: verify the signature and its time window over the raw
 * bytes, then parse the envelope, then decrypt (tag checked), then parse the resource. Throws
 * SignatureVerificationError, ResourceDecryptError or InvalidNotificationError; nothing is parsed
 * before the signature holds.
 */
export function openNotification(headers: HeaderBag, rawBody: Buffer, verifier: WechatPayVerifier, apiV3Key: string, nowMs?: number): PayNotification {
  verifier.verify(headers, rawBody, nowMs);
  const envelope = parseJson(rawBody.toString("utf8"), "body is not JSON");
  if (!isObject(envelope)) throw new InvalidNotificationError("body is not an object");
  const id = requireString(envelope, "id", "notification");
  const createTime = requireString(envelope, "create_time", "notification");
  const eventType = requireString(envelope, "event_type", "notification");
  const resourceType = requireString(envelope, "resource_type", "notification");
  if (resourceType !== ENCRYPTED_RESOURCE_TYPE) throw new InvalidNotificationError(`unexpected resource_type ${resourceType}`);
  const sealed = envelope.resource;
  if (!isObject(sealed)) throw new InvalidNotificationError("notification.resource missing");
  // WeChat Pay may omit associated_data; GCM then authenticates an empty one.
  const associatedData = sealed.associated_data === undefined ? "" : sealed.associated_data;
  if (typeof associatedData !== "string") throw new InvalidNotificationError("resource.associated_data is not a string");
  const resource: EncryptedResource = {
    algorithm: requireString(sealed, "algorithm", "resource") as EncryptedResource["algorithm"],
    ciphertext: requireString(sealed, "ciphertext", "resource"),
    nonce: requireString(sealed, "nonce", "resource"),
    associated_data: associatedData,
  };
  const plaintext = decryptResource(resource, apiV3Key);
  return {
    id,
    createTime,
    eventType,
    resourceType,
    ...(typeof envelope.summary === "string" ? { summary: envelope.summary } : {}),
    resource: parseJson(plaintext, "resource is not JSON"),
    associatedData,
  };
}
