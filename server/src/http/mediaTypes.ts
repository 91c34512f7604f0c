/** The upload types we recognise from their bytes. */
export type SniffedType = "image/png" | "image/jpeg" | "application/pdf";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What the bytes are, from their signature: a declared type is a claim, the bytes are the fact. */
export function sniffMediaType(bytes: Buffer): SniffedType | undefined {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") return "application/pdf";
  return undefined;
}

/** A request's declared media type without parameters, if it is one of `allowed`. */
export function declaredTypeOf<T extends string>(contentType: string, allowed: readonly T[]): T | undefined {
  const type = contentType.split(";")[0].trim().toLowerCase();
  return allowed.find((t) => t === type);
}
