import Koa from "koa";
import { bodyParser } from "@koa/bodyparser";
import type { AddressInfo } from "node:net";
import { createWecomSimulator, type WecomSimulator, type WecomSimulatorOptions } from "./simulator";
import { SIMULATOR_PREFIX } from "./routes";

export interface StartSimulatorOptions extends Omit<WecomSimulatorOptions, "callback"> {
  /** 0 (the default) picks a free port. */
  port?: number;
  callbackUrl: string;
  callback: Omit<WecomSimulatorOptions["callback"], "url">;
}

export interface RunningSimulator {
  /** The simulator's base, e.g. `http://127.0.0.1:PORT/sandbox/wecom`: the API base for our client. */
  url: string;
  simulator: WecomSimulator;
  stop(): Promise<void>;
}

/** The simulator alone on 127.0.0.1, for tests and tools that need WeCom without our server. */
export async function startSimulator({ port = 0, callbackUrl, callback, ...options }: StartSimulatorOptions): Promise<RunningSimulator> {
  const simulator = createWecomSimulator({ ...options, callback: { ...callback, url: callbackUrl } });
  const app = new Koa();
  app.use(bodyParser({ enableTypes: ["json"], jsonLimit: "1mb" }));
  app.use(simulator.router.routes()).use(simulator.router.allowedMethods());
  const http = app.listen(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => http.once("listening", resolve).once("error", reject));
  const { port: bound } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}${SIMULATOR_PREFIX}`,
    simulator,
    stop: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
