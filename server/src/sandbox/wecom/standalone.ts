import { serveAlone, type ServedAlone } from "../standalone";
import { createWecomSimulator, type WecomSimulator, type WecomSimulatorOptions } from "./simulator";
import { SIMULATOR_PREFIX } from "./routes";

export interface StartSimulatorOptions extends Omit<WecomSimulatorOptions, "callback"> {
  /** 0 (the default) picks a free port. */
  port?: number;
  callbackUrl: string;
  callback: Omit<WecomSimulatorOptions["callback"], "url">;
}

export interface RunningSimulator extends ServedAlone {
  simulator: WecomSimulator;
}

/** The simulator alone on 127.0.0.1, for tests and tools that need WeCom without our server. */
export async function startSimulator({ port = 0, callbackUrl, callback, ...options }: StartSimulatorOptions): Promise<RunningSimulator> {
  const simulator = createWecomSimulator({ ...options, callback: { ...callback, url: callbackUrl } });
  return { simulator, ...(await serveAlone(simulator.router, SIMULATOR_PREFIX, port, { parseAllJson: true })) };
}
