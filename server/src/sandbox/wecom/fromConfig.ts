import { SIMULATOR_PREFIX } from "./routes";
import type { Config } from "@scrm/config";
import { createWecomSimulator, type WecomSimulator } from "./simulator";

/**
 * The sandbox's WeCom, keyed from the same settings as our client and callback route, so a sandbox
 * started with real-looking keys still agrees with itself. Events go to our own callback route.
 */
export function simulatorFromConfig(config: Config): WecomSimulator {
  const { wecom } = config;
  return createWecomSimulator({
    corpId: wecom.corpId,
    agentId: wecom.agentId,
    secrets: { app: wecom.appSecret, contact: wecom.contactSecret, directory: wecom.directorySecret },
    callback: { token: wecom.callbackToken, encodingAesKey: wecom.callbackAesKey, url: `${config.publicBaseUrl}/wecom/callback` },
    publicUrl: `${config.publicBaseUrl}${SIMULATOR_PREFIX}`,
  });
}
