import { X509Certificate, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { generate as selfSignedCertificate } from "selfsigned";
import { randomAlnum, signMessage, responseMessage } from "../../pay/crypto";
import { randomDigits } from "./wire";

/** The platform certificate `/v3/certificates` hands out, over the same key as the public key id. */
export interface PlatformCertificate {
  pem: string;
  serial: string;
  notBeforeMs: number;
  notAfterMs: number;
}

const CERT_LIFETIME_MS = 5 * 365 * 86_400_000;
const SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048";

/** Real ids look like `PUB_KEY_ID_0114232134912410000000000000`. */
const newPublicKeyId = () => `PUB_KEY_ID_01${randomDigits(26)}`;

/**
 * Who the simulator signs as: WeChat Pay's key, known to merchants by a public key id and, once
 * downloaded, by a platform certificate's serial. Answers are signed under the serial a request
 * names in `Wechatpay-Serial` (as WeChat Pay does while merchants move from certificates to the
 * public key), else under the public key id.
 */
export class PlatformIdentity {
  readonly publicKey: KeyObject;
  /** The public key id, or the given serial. */
  readonly serial: string;
  private readonly privateKey: KeyObject;
  private certificate?: Promise<PlatformCertificate>;
  private certificateSerial?: string;

  constructor(options: { privateKeyPem?: string; serial?: string }) {
    this.privateKey = options.privateKeyPem ? createPrivateKey(options.privateKeyPem) : generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    this.publicKey = createPublicKey(this.privateKey);
    this.serial = options.serial ?? newPublicKeyId();
  }

  /** Whether merchants may name this serial: the public key id, or the certificate once issued. */
  knows(serial: string): boolean {
    return serial.toUpperCase() === this.serial.toUpperCase() || serial.toUpperCase() === this.certificateSerial?.toUpperCase();
  }

  /** The headers that let a merchant verify `body` as WeChat Pay's. */
  signedHeaders(body: string, nowMs: number, serial: string = this.serial): Record<string, string> {
    const timestamp = String(Math.floor(nowMs / 1000));
    const nonce = randomAlnum(32);
    return {
      "Wechatpay-Timestamp": timestamp,
      "Wechatpay-Nonce": nonce,
      "Wechatpay-Signature": signMessage(this.privateKey, responseMessage(timestamp, nonce, body)),
      "Wechatpay-Serial": serial,
      "Wechatpay-Signature-Type": SIGNATURE_TYPE,
    };
  }

  /** Issued on first use: selfsigned only works asynchronously, and most runs never ask. */
  platformCertificate(nowMs: number): Promise<PlatformCertificate> {
    this.certificate ??= this.issueCertificate(nowMs);
    return this.certificate;
  }

  private async issueCertificate(nowMs: number): Promise<PlatformCertificate> {
    const notBefore = new Date(nowMs);
    const notAfter = new Date(nowMs + CERT_LIFETIME_MS);
    const generated = await selfSignedCertificate([{ name: "commonName", value: "Tenpay.com (WeChat Pay simulator)" }], {
      algorithm: "sha256",
      notBeforeDate: notBefore,
      notAfterDate: notAfter,
      keyPair: {
        privateKey: this.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        publicKey: this.publicKey.export({ type: "spki", format: "pem" }).toString(),
      },
    });
    const serial = new X509Certificate(generated.cert).serialNumber;
    this.certificateSerial = serial;
    return { pem: generated.cert, serial, notBeforeMs: notBefore.getTime(), notAfterMs: notAfter.getTime() };
  }
}
