import { X509Certificate, generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate as selfSignedCertificate } from "selfsigned";
import type { SandboxSecrets } from "@scrm/config";
import { DEMO } from "./wecom/demoCorp";

const FILE = "sandbox-secrets.json";
const alnum = (n: number) => randomBytes(n * 2).toString("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, n);

/**
 * Development defaults for sandbox mode, generated on first start under `dataDir` (git-ignored)
 * and reused after, so restarts keep sessions and keys. Explicit settings still win over these.
 */
export async function ensureSandboxSecrets(dataDir: string): Promise<SandboxSecrets> {
  const file = join(dataDir, FILE);
  if (existsSync(file)) return { INITIAL_MANAGER_USERIDS: [DEMO.manager], ...(JSON.parse(readFileSync(file, "utf8")) as SandboxSecrets) };
  const keyDir = join(dataDir, "sandbox-keys");
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  const pem = (name: string, content: string) => {
    const path = join(keyDir, name);
    writeFileSync(path, content, { mode: 0o600 });
    return path;
  };

  const cert = await selfSignedCertificate([{ name: "commonName", value: "SCRM Sandbox Merchant" }], { keySize: 2048, notAfterDate: new Date(Date.now() + 3650 * 86_400_000) });
  const platform = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const serial = new X509Certificate(cert.cert).serialNumber;

  const secrets: SandboxSecrets = {
    SESSION_SECRET: randomBytes(32).toString("hex"),
    PII_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    PII_HASH_KEY: randomBytes(32).toString("hex"),
    WECOM_CORP_ID: "ww" + randomBytes(8).toString("hex"),
    WECOM_AGENT_ID: 1000002,
    WECOM_APP_SECRET: alnum(43),
    WECOM_CONTACT_SECRET: alnum(43),
    WECOM_DIRECTORY_SECRET: alnum(43),
    WECOM_CALLBACK_TOKEN: alnum(24),
    WECOM_CALLBACK_AES_KEY: alnum(43),
    MINIAPP_APPID: "wx" + randomBytes(8).toString("hex"),
    MINIAPP_SECRET: randomBytes(16).toString("hex"),
    WECHATPAY_MCHID: "1900000109",
    WECHATPAY_SERIAL_NO: serial,
    WECHATPAY_PRIVATE_KEY_PATH: pem("apiclient_key.pem", cert.private),
    WECHATPAY_CERT_PATH: pem("apiclient_cert.pem", cert.cert),
    WECHATPAY_APIV3_KEY: alnum(32),
    WECHATPAY_PUBLIC_KEY_PATH: pem("wechatpay_pub_key.pem", platform.publicKey.export({ type: "spki", format: "pem" }).toString()),
    WECHATPAY_PUBLIC_KEY_ID: "PUB_KEY_ID_" + randomBytes(12).toString("hex").toUpperCase(),
    INITIAL_MANAGER_USERIDS: [DEMO.manager],
    WECHATPAY_SANDBOX_PLATFORM_PRIVATE_KEY_PATH: pem("wechatpay_platform_key.pem", platform.privateKey.export({ type: "pkcs8", format: "pem" }).toString()),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
