import Koa from "koa";
import { bodyParser } from "@koa/bodyparser";
import type { AddressInfo } from "node:net";
import { createWechatPaySimulator, type WechatPaySimulator, type WechatPaySimulatorOptions } from "./simulator";
import { WECHATPAY_SIMULATOR_PREFIX } from "./routes";

export interface StartWechatPaySimulatorOptions extends WechatPaySimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface RunningWechatPaySimulator {
  /** The simulator's base, e.g. `http://127.0.0.1:PORT/sandbox/wechatpay`: the API base for our client. */
  url: string;
  simulator: WechatPaySimulator;
  stop(): Promise<void>;
}

/** The simulator alone on 127.0.0.1, for tests and tools that need WeChat Pay without our server. */
export async function startWechatPaySimulator({ port = 0, ...options }: StartWechatPaySimulatorOptions): Promise<RunningWechatPaySimulator> {
  const simulator = createWechatPaySimulator(options);
  const app = new Koa();
  // Only actions are parsed here: the API routes verify the signature over their own raw bytes.
  const json = bodyParser({ enableTypes: ["json"], jsonLimit: "1mb" });
  app.use((ctx, next) => (ctx.path.startsWith(`${WECHATPAY_SIMULATOR_PREFIX}/_actions/`) ? json(ctx, next) : next()));
  app.use(simulator.router.routes()).use(simulator.router.allowedMethods());
  const http = app.listen(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => http.once("listening", resolve).once("error", reject));
  const { port: bound } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}${WECHATPAY_SIMULATOR_PREFIX}`,
    simulator,
    stop: () =>
      new Promise<void>((resolve) => {
        simulator.close();
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
