import Koa from "koa";
import { bodyParser } from "@koa/bodyparser";
import type { AddressInfo } from "node:net";
import { createMiniappSimulator, type MiniappSimulator, type MiniappSimulatorOptions } from "./simulator";
import { MINIAPP_SIMULATOR_PREFIX } from "./routes";

export interface StartMiniappSimulatorOptions extends MiniappSimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface RunningMiniappSimulator {
  /** The simulator's base, e.g. `http://127.0.0.1:PORT/sandbox/miniapp`: the API base for our client. */
  url: string;
  simulator: MiniappSimulator;
  stop(): Promise<void>;
}

/** The simulator alone on 127.0.0.1, for tests and tools that need the platform without our server. */
export async function startMiniappSimulator({ port = 0, ...options }: StartMiniappSimulatorOptions): Promise<RunningMiniappSimulator> {
  const simulator = createMiniappSimulator(options);
  const app = new Koa();
  // Only actions are parsed here: the API routes read their own bytes, so a body that is not JSON
  // gets the platform's answer (47001, or 40169 for a code) rather than the parser's 400.
  const json = bodyParser({ enableTypes: ["json"], jsonLimit: "1mb" });
  app.use((ctx, next) => (ctx.path.startsWith(`${MINIAPP_SIMULATOR_PREFIX}/_actions/`) ? json(ctx, next) : next()));
  app.use(simulator.router.routes()).use(simulator.router.allowedMethods());
  const http = app.listen(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => http.once("listening", resolve).once("error", reject));
  const { port: bound } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}${MINIAPP_SIMULATOR_PREFIX}`,
    simulator,
    stop: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
