import { serveAlone, type ServedAlone } from "../standalone";
import { createWechatPaySimulator, type WechatPaySimulator, type WechatPaySimulatorOptions } from "./simulator";
import { WECHATPAY_SIMULATOR_PREFIX } from "./routes";

export interface StartWechatPaySimulatorOptions extends WechatPaySimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface RunningWechatPaySimulator extends ServedAlone {
  simulator: WechatPaySimulator;
}

/** The simulator alone on 127.0.0.1, for tests and tools that need WeChat Pay without our server. */
export async function startWechatPaySimulator({ port = 0, ...options }: StartWechatPaySimulatorOptions): Promise<RunningWechatPaySimulator> {
  const simulator = createWechatPaySimulator(options);
  return { simulator, ...(await serveAlone(simulator.router, WECHATPAY_SIMULATOR_PREFIX, port, { onStop: () => simulator.close() })) };
}
