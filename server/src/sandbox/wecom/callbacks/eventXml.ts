import { randomBytes } from "node:crypto";
import type { CallbackCrypto } from "../../../wecom/callbackCrypto";

/** The fields of one callback event, in WeCom's order; numbers go out bare, strings as CDATA. */
export type EventFields = Record<string, string | number>;

/** What WeCom POSTs: the query it signs with and the XML envelope, byte for byte. */
export interface SignedCallback {
  query: { msg_signature: string; timestamp: string; nonce: string };
  body: string;
}

const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
const element = (name: string, value: string | number) => `<${name}>${typeof value === "number" ? value : cdata(value)}</${name}>`;

export function eventXml(fields: EventFields): string {
  return `<xml>${Object.entries(fields)
    .map(([k, v]) => element(k, v))
    .join("")}</xml>`;
}

export interface SignOptions {
  /** Seconds, as a string on the wire; defaults to the simulator's clock. */
  timestamp?: string;
  nonce?: string;
}

/** Encrypts the event, wraps it in WeCom's envelope and signs it, as one delivery does. */
export function signCallback(
  crypto: CallbackCrypto,
  envelope: { corpId: string; agentId: number },
  fields: EventFields,
  nowMs: number,
  options: SignOptions = {},
): SignedCallback {
  const timestamp = options.timestamp ?? String(Math.floor(nowMs / 1000));
  const nonce = options.nonce ?? String(randomBytes(5).readUIntBE(0, 5) % 10_000_000_000);
  const encrypted = crypto.encrypt(eventXml(fields));
  const body = eventXml({ ToUserName: envelope.corpId, AgentID: String(envelope.agentId), Encrypt: encrypted });
  return { query: { msg_signature: crypto.signature(timestamp, nonce, encrypted), timestamp, nonce }, body };
}
