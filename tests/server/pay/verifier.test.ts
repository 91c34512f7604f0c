import { X509Certificate } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { WechatPaySettings } from "@scrm/config";
import { SignatureVerificationError, WechatPayVerifier } from "../../../server/src/pay";
import { testSecrets } from "../../helpers/app";
import { startTestWechatPay, testMerchant, wechatpaySignedHeaders } from "../../helpers/wechatpay";

const body = JSON.stringify({ coupon_id: "12345678901" });

async function settings(verifier: WechatPaySettings["verifier"]): Promise<WechatPaySettings> {
  const s = await testSecrets();
  return {
    mchid: s.WECHATPAY_MCHID,
    serialNo: s.WECHATPAY_SERIAL_NO,
    privateKeyPath: s.WECHATPAY_PRIVATE_KEY_PATH,
    certPath: s.WECHATPAY_CERT_PATH,
    apiV3Key: s.WECHATPAY_APIV3_KEY,
    verifier,
    apiBase: "http://127.0.0.1:1",
    timeoutMs: 1000,
  };
}

function reasonOf(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (err) {
    if (err instanceof SignatureVerificationError) return err.reason;
    throw err;
  }
}

describe("a verifier from the WeChat Pay public key and its id", () => {
  let verifier: WechatPayVerifier;
  let signer: { privateKeyPem: string; serial: string };

  beforeAll(async () => {
    const s = await testSecrets();
    verifier = WechatPayVerifier.fromSettings(await settings({ kind: "publicKey", keyPath: s.WECHATPAY_PUBLIC_KEY_PATH, keyId: s.WECHATPAY_PUBLIC_KEY_ID }));
    const m = await testMerchant();
    signer = { privateKeyPem: m.platformPrivateKeyPem, serial: m.platformKeyId };
  });

  it("accepts the raw bytes WeChat Pay signed, whatever the header names' case", () => {
    const headers = wechatpaySignedHeaders(body, signer);
    expect(() => verifier.verify(headers, Buffer.from(body))).not.toThrow();
    const shouted = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), [v]]));
    expect(() => verifier.verify(shouted, body)).not.toThrow();
    expect(verifier.serial).toBe(signer.serial);
  });

  it("names each failure", async () => {
    const headers = wechatpaySignedHeaders(body, signer);
    const { privateKeyPem: merchantKey } = await testMerchant();
    const { "wechatpay-nonce": _nonce, ...noNonce } = headers;
    expect(reasonOf(() => verifier.verify(noNonce, body))).toBe("missing_header");
    expect(reasonOf(() => verifier.verify({ ...headers, "wechatpay-serial": "PUB_KEY_ID_SOMEONE_ELSE" }, body))).toBe("unknown_serial");
    expect(reasonOf(() => verifier.verify(headers, body.replace("1", "2")))).toBe("bad_signature");
    expect(reasonOf(() => verifier.verify(wechatpaySignedHeaders(body, { ...signer, privateKeyPem: merchantKey }), body))).toBe("bad_signature");
    expect(reasonOf(() => verifier.verify({ ...headers, "wechatpay-timestamp": String(Number(headers["wechatpay-timestamp"]) + 1) }, body))).toBe("bad_signature");
  });

  it("holds answers to 5 minutes either way of the real clock", () => {
    const nowS = Math.floor(Date.now() / 1000);
    const at = (timestamp: number) => wechatpaySignedHeaders(body, signer, { timestamp });
    expect(reasonOf(() => verifier.verify(at(nowS - 290), body))).toBeUndefined();
    expect(reasonOf(() => verifier.verify(at(nowS - 310), body))).toBe("stale_timestamp");
    expect(reasonOf(() => verifier.verify(at(nowS + 310), body))).toBe("stale_timestamp");
    expect(reasonOf(() => verifier.verify(at(nowS - 310), body, (nowS - 300) * 1000))).toBeUndefined();
  });
});

describe("a verifier from a platform certificate", () => {
  it("reads the serial from the certificate itself", async () => {
    const running = await startTestWechatPay();
    try {
      const cert = await running.simulator.platformCertificate();
      const certPath = join(mkdtempSync(join(tmpdir(), "scrm-pay-cert-")), "wechatpay_platform.pem");
      writeFileSync(certPath, cert.pem);
      const verifier = WechatPayVerifier.fromSettings(await settings({ kind: "platformCert", certPath }));
      expect(verifier.serial).toBe(new X509Certificate(cert.pem).serialNumber);
      const m = await testMerchant();
      // Lower case, as some certificates' serials are written.
      const headers = wechatpaySignedHeaders(body, { privateKeyPem: m.platformPrivateKeyPem, serial: cert.serial.toLowerCase() });
      expect(() => verifier.verify(headers, body)).not.toThrow();
    } finally {
      await running.stop();
    }
  });
});
