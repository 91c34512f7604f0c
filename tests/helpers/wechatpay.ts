import { createPublicKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { testSecrets } from "./app";
import { WechatPayClient, WechatPayVerifier, randomAlnum, requestMessage, responseMessage, signMessage, type WechatPayClientOptions } from "../../server/src/pay";
import { startWechatPaySimulator, type RunningWechatPaySimulator, type StartWechatPaySimulatorOptions } from "../../server/src/sandbox/wechatpay";

/** The mini-program the test merchant sends coupons for. */
export const TEST_PAY_APPID = "wxpaytest00000001";

/** The test merchant's keys and WeChat Pay's, from the worker's sandbox secrets (RSA keys are slow to make). */
export interface TestMerchant {
  mchid: string;
  serialNo: string;
  privateKeyPem: string;
  certPem: string;
  apiV3Key: string;
  /** WeChat Pay's side: the simulator signs with it. */
  platformPrivateKeyPem: string;
  platformPublicKey: KeyObject;
  platformKeyId: string;
}

let merchant: Promise<TestMerchant> | undefined;

export function testMerchant(): Promise<TestMerchant> {
  merchant ??= testSecrets().then((s) => ({
    mchid: s.WECHATPAY_MCHID,
    serialNo: s.WECHATPAY_SERIAL_NO,
    privateKeyPem: readFileSync(s.WECHATPAY_PRIVATE_KEY_PATH, "utf8"),
    certPem: readFileSync(s.WECHATPAY_CERT_PATH, "utf8"),
    apiV3Key: s.WECHATPAY_APIV3_KEY,
    platformPrivateKeyPem: readFileSync(s.WECHATPAY_SANDBOX_PLATFORM_PRIVATE_KEY_PATH, "utf8"),
    platformPublicKey: createPublicKey(readFileSync(s.WECHATPAY_PUBLIC_KEY_PATH)),
    platformKeyId: s.WECHATPAY_PUBLIC_KEY_ID,
  }));
  return merchant;
}

/** The simulator alone on a free port, keyed as the test merchant's WeChat Pay, retrying notifications quickly. */
export async function startTestWechatPay(overrides: Partial<StartWechatPaySimulatorOptions> = {}): Promise<RunningWechatPaySimulator> {
  const m = await testMerchant();
  return startWechatPaySimulator({
    mchid: m.mchid,
    merchantCertPem: m.certPem,
    apiV3Key: m.apiV3Key,
    appId: TEST_PAY_APPID,
    platformPrivateKeyPem: m.platformPrivateKeyPem,
    platformSerial: m.platformKeyId,
    notifyRetryDelaysMs: [50, 100, 200],
    ...overrides,
  });
}

/** The verifier our server builds from the sandbox settings: WeChat Pay's public key and its id. */
export async function testVerifier(): Promise<WechatPayVerifier> {
  const m = await testMerchant();
  return new WechatPayVerifier([{ serial: m.platformKeyId, publicKey: m.platformPublicKey }]);
}

export async function testWechatPayClient(apiBase: string, overrides: Partial<WechatPayClientOptions> = {}): Promise<WechatPayClient> {
  const m = await testMerchant();
  return new WechatPayClient({
    mchid: m.mchid,
    serialNo: m.serialNo,
    privateKeyPem: m.privateKeyPem,
    certPem: m.certPem,
    apiBase,
    verifier: await testVerifier(),
    timeoutMs: 2000,
    appId: TEST_PAY_APPID,
    ...overrides,
  });
}

export interface MerchantRequest {
  method: "GET" | "POST";
  /** `/v3/…` with its query, as signed. */
  path: string;
  body?: string;
  /** Seconds; default now. */
  timestamp?: number;
  mchid?: string;
  serialNo?: string;
  /** Sign with another key than the merchant's. */
  privateKeyPem?: string;
  /** Change the signature after signing. */
  tamperSignature?: (signature: string) => string;
  /** Send another path or body than the one signed. */
  sent?: { path?: string; body?: string };
}

/** A request signed by hand as the test merchant (or not quite), for what our client never sends. */
export async function merchantFetch(running: RunningWechatPaySimulator, req: MerchantRequest): Promise<Response> {
  const m = await testMerchant();
  const timestamp = String(req.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomAlnum(32);
  const body = req.body ?? "";
  const signed = signMessage(req.privateKeyPem ?? m.privateKeyPem, requestMessage(req.method, req.path, timestamp, nonce, body));
  const signature = req.tamperSignature ? req.tamperSignature(signed) : signed;
  const authorization = `WECHATPAY2-SHA256-RSA2048 mchid="${req.mchid ?? m.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${req.serialNo ?? m.serialNo}"`;
  return fetch(running.url + (req.sent?.path ?? req.path), {
    method: req.method,
    body: req.method === "GET" ? undefined : (req.sent?.body ?? body),
    headers: { Accept: "application/json", "Content-Type": "application/json", Authorization: authorization },
  });
}

/** Headers that make `body` WeChat Pay's, as a notification or an answer: tests sign their own fixtures. */
export function wechatpaySignedHeaders(body: string, signer: { privateKeyPem: string; serial: string }, options: { timestamp?: number; nonce?: string } = {}): Record<string, string> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? randomAlnum(32);
  return {
    "wechatpay-timestamp": timestamp,
    "wechatpay-nonce": nonce,
    "wechatpay-signature": signMessage(signer.privateKeyPem, responseMessage(timestamp, nonce, body)),
    "wechatpay-serial": signer.serial,
  };
}

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: Buffer;
  status: number;
}

export interface NotificationReceiver {
  url: string;
  received: ReceivedRequest[];
  stop(): Promise<void>;
}

/** A merchant endpoint stand-in: records each POST and answers the status `answer` picks (default 200). */
export async function startNotificationReceiver(answer: (index: number) => number = () => 200): Promise<NotificationReceiver> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const status = answer(received.length);
      received.push({ headers: req.headers, body: Buffer.concat(chunks), status });
      res.writeHead(status, { "content-type": "application/json" }).end(status < 300 ? "" : JSON.stringify({ code: "FAIL", message: "try again" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/pay/notify`,
    received,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
