import type { AppDeps } from "../deps";
import { RetryingJob } from "../platform/retryingJob";
import { PAY_NOTIFY_PATH } from "./notifyRoutes";

/** At start, tells WeChat Pay where to post coupon notifications (retried until it answers). */
export const payCallbackRegistration = (deps: AppDeps): RetryingJob | undefined => {
  const { wechatpay, config } = deps;
  if (!wechatpay) return undefined;
  const notifyUrl = `${config.publicBaseUrl}${PAY_NOTIFY_PATH}`;
  return new RetryingJob(deps.logger, "WeChat Pay notification URL registration", async () => {
    await wechatpay.setCouponCallbacks(notifyUrl);
    return { notifyUrl };
  });
};
