import { X509Certificate, type KeyObject } from "node:crypto";
import { requestMessage, verifyMessage } from "../../pay/crypto";
import { SIGNATURE_WINDOW_MS } from "../../pay/verifier";
import { refuse } from "./wire";

/** The merchant as WeChat Pay knows it: its id and its API certificate. */
export interface Merchant {
  mchid: string;
  certSerial: string;
  publicKey: KeyObject;
}

export function merchantFromCertificate(mchid: string, certPem: string): Merchant {
  const cert = new X509Certificate(certPem);
  return { mchid, certSerial: cert.serialNumber, publicKey: cert.publicKey };
}

const SCHEME = "WECHATPAY2-SHA256-RSA2048";
const PARAM = /(\w+)="([^"]*)"/g;

/** The request as signed: the path with its query as the merchant sent it, and the raw body. */
export interface SignedRequest {
  method: string;
  pathWithQuery: string;
  body: Buffer;
  authorization: string | undefined;
}

/**
 * Checks a request's `Authorization` as WeChat Pay does: the scheme, our merchant id, the serial
 * of its API certificate, a timestamp within 5 minutes, and the RSA-SHA256 signature over
 * `METHOD\nPATH\nTIMESTAMP\nNONCE\nBODY\n`. Every failure is 401 SIGN_ERROR.
 */
export function authenticate(merchant: Merchant, request: SignedRequest, nowMs: number): void {
  const header = request.authorization ?? "";
  if (!header.startsWith(`${SCHEME} `)) throw refuse("SIGN_ERROR", "Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》");
  const params = Object.fromEntries([...header.slice(SCHEME.length + 1).matchAll(PARAM)].map((m) => [m[1], m[2]]));
  const { mchid, nonce_str: nonce, signature, timestamp, serial_no: serial } = params;
  if (!mchid || !nonce || !signature || !timestamp || !serial) {
    throw refuse("SIGN_ERROR", "Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》");
  }
  if (mchid !== merchant.mchid) throw refuse("SIGN_ERROR", "商户号与签名证书不匹配");
  if (serial.toUpperCase() !== merchant.certSerial.toUpperCase()) throw refuse("SIGN_ERROR", "商户证书序列号有误。请使用签名私钥匹配的证书序列号");
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowMs - Number(timestamp) * 1000) > SIGNATURE_WINDOW_MS) {
    throw refuse("SIGN_ERROR", "签名中的时间戳与当前时间相差过大");
  }
  const message = requestMessage(request.method, request.pathWithQuery, timestamp, nonce, request.body);
  if (!verifyMessage(merchant.publicKey, message, signature)) throw refuse("SIGN_ERROR", "签名错误，请检查后再试");
}
