import { readFileSync } from "node:fs";
import type { Config } from "@scrm/config";
import { createWechatPaySimulator, type WechatPaySimulator } from "./simulator";
import { PAY_NOTIFY_PATH } from "../../pay/notifyRoutes";


/**
 * The sandbox's WeChat Pay, keyed from the same settings as our client: it verifies us with our
 * merchant certificate and signs as the WeChat Pay public key our verifier trusts. None when the
 * settings name a real platform key or certificate: nobody holds their private half.
 */
export function wechatpaySimulatorFromConfig(config: Config): WechatPaySimulator | undefined {
  const pay = config.wechatpay;
  if (!pay?.sandboxPlatformKeyPath || pay.verifier.kind !== "publicKey") return undefined;
  return createWechatPaySimulator({
    mchid: pay.mchid,
    merchantCertPem: readFileSync(pay.certPath, "utf8"),
    apiV3Key: pay.apiV3Key,
    appId: config.miniapp.appId,
    platformPrivateKeyPem: readFileSync(pay.sandboxPlatformKeyPath, "utf8"),
    platformSerial: pay.verifier.keyId,
    notifyUrl: `${config.publicBaseUrl}${PAY_NOTIFY_PATH}`,
  });
}
