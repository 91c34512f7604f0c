import type { AppDeps } from "../deps";
import { WECHATPAY_SEND } from "./claimWriter";
import { couponUsed } from "./payEvents";
import { STOCK_ALERT } from "./stockAlerts";
import { sendWechatPayCoupon } from "./wechatpaySend";

/** The coupon domain's after-commit jobs and WeChat Pay events. */
export function registerCouponHandlers(deps: AppDeps): void {
  // Sends are retried for about a day (backoff up to 10 minutes) before a manager must look.
  deps.outbox.register(WECHATPAY_SEND, (p, job) => sendWechatPayCoupon(deps, (p as { claimId: string }).claimId, job.attempts), { maxAttempts: 150 });
  deps.outbox.register(STOCK_ALERT, (p) => deps.coupons.alerts.send((p as { alertId: string }).alertId));
  deps.payNotifications.on("COUPON.USE", (resource) => couponUsed(deps, resource));
}
