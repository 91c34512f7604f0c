import { randomBytes } from "node:crypto";
import type { Config } from "@scrm/config";
import { CallbackCrypto } from "../../server/src/wecom/callbackCrypto";
import { DEMO } from "../../server/src/sandbox/wecom";

export interface SignedCallback {
  query: { msg_signature: string; timestamp: string; nonce: string };
  body: string;
}

const cdata = (v: string) => `<![CDATA[${v}]]>`;

/** The inner event XML WeCom encrypts. */
export const eventXml = (fields: Record<string, string | number>) =>
  `<xml>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${typeof v === "number" ? v : cdata(v)}</${k}>`)
    .join("")}</xml>`;

/** A callback request signed and encrypted as WeCom sends it, with our configured keys. */
export function signCallback(
  config: Config,
  inner: string,
  { timestamp = String(Math.floor(Date.now() / 1000)), nonce = randomBytes(6).toString("hex"), receiveId = config.wecom.corpId } = {},
): SignedCallback {
  const crypto = new CallbackCrypto(config.wecom.callbackToken, config.wecom.callbackAesKey, receiveId);
  const encrypted = crypto.encrypt(inner);
  return {
    query: { msg_signature: crypto.signature(timestamp, nonce, encrypted), timestamp, nonce },
    body: `<xml><ToUserName>${cdata(config.wecom.corpId)}</ToUserName><AgentID>${cdata(String(config.wecom.agentId))}</AgentID><Encrypt>${cdata(encrypted)}</Encrypt></xml>`,
  };
}

/** `add_external_contact` fields for a demo customer of the WeCom simulator adding a demo staff member. */
export const addContactEvent = (config: Config, overrides: Record<string, string | number> = {}) => ({
  ToUserName: config.wecom.corpId,
  FromUserName: "sys",
  CreateTime: Math.floor(Date.now() / 1000),
  MsgType: "event",
  Event: "change_external_contact",
  ChangeType: "add_external_contact",
  UserID: DEMO.staff[1],
  ExternalUserID: DEMO.customers[0],
  State: "expo2026",
  WelcomeCode: "WELCOME" + randomBytes(4).toString("hex"),
  ...overrides,
});
