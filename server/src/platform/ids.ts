import { createHmac, randomBytes, randomUUID } from "node:crypto";

/** An unguessable token for the wire (sessions, share tokens): 32 random bytes, base64url. */
export const newToken = (): string => randomBytes(32).toString("base64url");

/** A keyed hash for lookups of a secret value without storing it (session tokens, phones). */
export const keyedHash = (key: string, value: string): string => createHmac("sha256", key).update(value).digest("hex");

export const newId = (): string => randomUUID();
