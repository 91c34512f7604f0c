import Router from "@koa/router";
import { CONSOLE_PAGE } from "./page";

/** Where the sandbox console lives (sandbox mode only). */
export const CONSOLE_PATH = "/sandbox/console";

/**
 * A page for demos and manual testing: play a customer scanning a channel or deleting their
 * adviser, and watch what the simulated WeCom received. It drives the simulators over HTTP, like
 * the tests do, and our API as a demo manager.
 */
export function sandboxConsoleRouter(): Router {
  const router = new Router();
  router.get(CONSOLE_PATH, (ctx) => {
    ctx.type = "text/html; charset=utf-8";
    ctx.set("Cache-Control", "no-store");
    ctx.body = CONSOLE_PAGE;
  });
  return router;
}
