import { XMLParser, XMLValidator } from "fast-xml-parser";

export class CallbackXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CallbackXmlError";
  }
}

// Values stay text (an id like 000123 must not become a number); entities are never expanded.
const parser = new XMLParser({ ignoreAttributes: true, processEntities: false, htmlEntities: false, parseTagValue: false, trimValues: true });
const DECLARES_ENTITIES = /<!(DOCTYPE|ENTITY)/i;

/** The flat `<xml><Field>text</Field>…</xml>` documents WeCom sends, as a field map. */
export function parseCallbackXml(xml: string): Record<string, string> {
  if (DECLARES_ENTITIES.test(xml)) throw new CallbackXmlError("XML with a DOCTYPE or entity declarations is refused");
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new CallbackXmlError(`malformed XML: ${valid.err.msg}`);
  const root = (parser.parse(xml) as { xml?: unknown }).xml;
  if (!root || typeof root !== "object") throw new CallbackXmlError("the document has no <xml> root");
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(root)) {
    // Nested elements (rare in these events) are kept as JSON text rather than dropped.
    fields[name] = typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  return fields;
}
