import Koa from "koa";
import type Router from "@koa/router";
import { bodyParser } from "@koa/bodyparser";
import type { AddressInfo } from "node:net";

export interface ServedAlone {
  /** The simulator's base, e.g. `http://127.0.0.1:PORT/sandbox/wecom`: the API base for our client. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves one simulator's router alone on 127.0.0.1 (port 0: a free one), for tests and tools that
 * need the platform without our server. Only `_actions` bodies are parsed as JSON unless
 * `parseAllJson`: platform APIs that verify signatures or answer bad JSON in their own words read
 * their raw bytes.
 */
export async function serveAlone(router: Router, prefix: string, port: number, options: { parseAllJson?: boolean; onStop?: () => void } = {}): Promise<ServedAlone> {
  const app = new Koa();
  const json = bodyParser({ enableTypes: ["json"], jsonLimit: "1mb" });
  app.use((ctx, next) => (options.parseAllJson || ctx.path.startsWith(`${prefix}/_actions/`) ? json(ctx, next) : next()));
  app.use(router.routes()).use(router.allowedMethods());
  const http = app.listen(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => http.once("listening", resolve).once("error", reject));
  const { port: bound } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}${prefix}`,
    stop: () =>
      new Promise<void>((resolve) => {
        options.onStop?.();
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
