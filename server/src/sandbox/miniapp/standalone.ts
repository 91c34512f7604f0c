import { serveAlone, type ServedAlone } from "../standalone";
import { createMiniappSimulator, type MiniappSimulator, type MiniappSimulatorOptions } from "./simulator";
import { MINIAPP_SIMULATOR_PREFIX } from "./routes";

export interface StartMiniappSimulatorOptions extends MiniappSimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface RunningMiniappSimulator extends ServedAlone {
  simulator: MiniappSimulator;
}

/** The simulator alone on 127.0.0.1, for tests and tools that need the platform without our server. */
export async function startMiniappSimulator({ port = 0, ...options }: StartMiniappSimulatorOptions): Promise<RunningMiniappSimulator> {
  const simulator = createMiniappSimulator(options);
  // The API routes read their own bytes, so a body that is not JSON gets the platform's answer
  // (47001, or 40169 for a code) rather than the parser's 400.
  return { simulator, ...(await serveAlone(simulator.router, MINIAPP_SIMULATOR_PREFIX, port)) };
}
