import type Router from "@koa/router";
import type { AppDeps } from "../deps";
import { BadRequest, NotFound, Unauthorized } from "../http/errors";
import { readRawBody } from "../http/rawBody";
import { ResourceDecryptError, InvalidNotificationError, SignatureVerificationError } from "./errors";

/** Where WeChat Pay posts notifications (registered at start with the coupon callbacks API). */
export const PAY_NOTIFY_PATH = "/pay/notify";

/**
 * verify → decrypt → store (deduped on the notification id) → 204, handled after the answer. An
 * invalid notification gets a 4xx and changes nothing.
 */
export function payNotifyRoutes(router: Router, deps: AppDeps): void {
  router.post(PAY_NOTIFY_PATH, deps.allow("public"), async (ctx) => {
    if (!deps.payNotifications.enabled) throw NotFound("Route");
    const raw = await readRawBody(ctx, 64, "notification");
    try {
      const fresh = await deps.payNotifications.receive(ctx.headers, raw);
      if (!fresh) deps.logger.info({ requestId: ctx.state.requestId }, "WeChat Pay notification redelivered: already stored");
    } catch (err) {
      if (err instanceof SignatureVerificationError) throw Unauthorized(`notification refused: ${err.reason}`);
      if (err instanceof ResourceDecryptError || err instanceof InvalidNotificationError) throw BadRequest(`notification refused: ${err.message}`);
      throw err;
    }
    ctx.status = 204;
  });
}
