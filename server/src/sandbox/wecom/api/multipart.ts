export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const CRLF = "\r\n";

/**
 * Splits a `multipart/form-data` body into its parts. Minimal on purpose: `media/upload` takes one
 * file part, and a body we cannot read is simply "no media" (WeCom's 44001).
 */
export function parseMultipart(contentType: string, body: Buffer): MultipartPart[] {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m) return [];
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts: MultipartPart[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break; // the closing delimiter
    const next = body.indexOf(Buffer.concat([Buffer.from(CRLF), delimiter]), start);
    if (next === -1) break;
    const part = body.subarray(start + CRLF.length, next);
    const headerEnd = part.indexOf(CRLF + CRLF);
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString("utf8");
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      if (name !== undefined) {
        parts.push({
          name,
          filename: /filename="([^"]*)"/i.exec(headers)?.[1],
          contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim(),
          data: part.subarray(headerEnd + 4),
        });
      }
    }
    at = next + CRLF.length;
  }
  return parts;
}
