import type { Config } from "@scrm/config";
import { createMiniappSimulator, type MiniappSimulator } from "./simulator";

/**
 * The sandbox's mini-program platform, keyed from the same settings as our client, so a sandbox
 * started with real-looking keys still agrees with itself. Its codes open our own H5 build; it knows
 * the subscribe message templates our config names.
 */
export function miniappSimulatorFromConfig(config: Config): MiniappSimulator {
  return createMiniappSimulator({
    appId: config.miniapp.appId,
    secret: config.miniapp.secret,
    h5BaseUrl: config.publicBaseUrl,
    subscribeTemplates: Object.values(config.miniapp.subscribeTemplates),
  });
}
