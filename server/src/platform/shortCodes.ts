import { randomBytes } from "node:crypto";

/** No 0/o, 1/l/i: short codes are read aloud and typed as well as scanned. */
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

/**
 * A short random code that fits a mini-program code's `scene` (≤ 32 characters) and a card path's
 * query: `prefix` (which kind of code it is) and `length` characters of a 31-letter alphabet.
 * Not a secret: who holds it may open what it points to.
 */
export const newShortCode = (prefix: string, length: number): string => prefix + Array.from(randomBytes(length), (b) => ALPHABET[b % ALPHABET.length]).join("");
