import Koa from "koa";
import Router from "@koa/router";
import { bodyParser } from "@koa/bodyparser";
import serve from "koa-static";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { hostname } from "node:os";
import type { Config } from "@scrm/config";
import type { Database } from "./db/database";
import type { AppDeps } from "./deps";
import { BusinessClock } from "./platform/clock";
import { Followups } from "./followups/followups";
import { WorkingCalendar } from "./platform/calendar";
import { accessLogger, type Logger } from "./platform/logger";
import { Sessions } from "./auth/sessions";
import { accessControl } from "./http/access";
import { requestScope } from "./http/requestScope";
import { routeByArea } from "./http/routeByArea";
import { NotFound } from "./http/errors";
import { statusRoutes } from "./status/routes";
import { authRoutes } from "./auth/routes";
import { wecomLoginRoutes } from "./auth/wecomLogin";
import { staffAdminRoutes } from "./wecom/directory/routes";
import { CallbackCrypto } from "./wecom/callbackCrypto";
import { Inbox } from "./wecom/inbox/inbox";
import { InboxHandlers } from "./wecom/inbox/handlers";
import { InboxWorker } from "./wecom/inbox/worker";
import { wecomCallbackRoutes } from "./wecom/callbackRoutes";
import { wecomAdminRoutes } from "./wecom/adminRoutes";
import { wecomClientFromConfig } from "./wecom/api/client";
import { simulatorFromConfig } from "./sandbox/wecom/fromConfig";
import { MiniappClient } from "./miniapp/client";
import { Channels } from "./channels/channels";
import { channelRoutes } from "./channels/routes";
import { customerRoutes } from "./customers/routes";
import { landingRoutes } from "./customers/landingRoutes";
import { registerCaptureHandlers } from "./customers/capture";
import { registerDirectoryHandlers } from "./wecom/directory/handlers";
import { MediaCache } from "./wecom/mediaCache";
import { PiiVault } from "./platform/pii";
import { renderCardCover } from "./posters/cardCover";
import { miniappSimulatorFromConfig } from "./sandbox/miniapp/fromConfig";
import { sandboxConsoleRouter } from "./sandbox/console/routes";
import { Outbox } from "./platform/outbox/outbox";
import { WechatPayClient, WechatPayVerifier } from "./pay";
import { PayNotifications } from "./pay/notifications";
import { payNotifyRoutes } from "./pay/notifyRoutes";
import { registerPayHandlers } from "./pay/handlers";
import { WECHATPAY_SIMULATOR_PREFIX, wechatpaySimulatorFromConfig } from "./sandbox/wechatpay";
import { Coupons } from "./coupons/coupons";
import { couponRoutes } from "./coupons/routes";
import { registerCouponHandlers } from "./coupons/handlers";
import { referralRoutes } from "./referrals/routes";
import { Referrals } from "./referrals/referrals";
import { materialRoutes } from "./materials/routes";
import { Materials } from "./materials/materials";
import { registerScoringHandlers } from "./materials/scoring/hotAlert";
import { registerReferralHandlers } from "./referrals/handlers";
import { subscriptionRoutes } from "./miniapp/subscriptions";
import { followupRoutes } from "./followups/routes";

/** Where the mini-program's H5 build lands; served at `/` in sandbox mode. */
export const H5_DIST = resolve(__dirname, "../../miniprogram/dist-h5");
const JSON_LIMIT = "256kb";

export function createDeps(config: Config, db: Database, logger: Logger): AppDeps {
  const sessions = new Sessions(db, { secret: config.session.secret, ttlHours: config.session.ttlHours });
  const calendar = new WorkingCalendar({
    timezone: config.timezone,
    start: config.workday.start,
    end: config.workday.end,
    onMissingYear: (year) => logger.warn({ year }, "no holiday data for this year: counting weekends only"),
  });
  const instanceId = config.instanceId ?? `${hostname()}-${process.pid}`;
  const inboxHandlers = new InboxHandlers();
  const wecom = wecomClientFromConfig(config, db, logger, instanceId);
  const clock = new BusinessClock();
  if (config.businessTimeAtStart) clock.set(config.businessTimeAtStart);
  const followups = new Followups({ db, clock, config });
  const outbox = new Outbox(db, logger, { owner: instanceId });
  const channels = new Channels({ db, wecom, clock, calendar, config, logger });
  const wechatpay = config.wechatpay ? WechatPayClient.fromConfig(config.wechatpay, config.miniapp.appId) : undefined;
  const payKeys = config.wechatpay && { verifier: WechatPayVerifier.fromSettings(config.wechatpay), apiV3Key: config.wechatpay.apiV3Key };
  const payNotifications = new PayNotifications({ db, outbox, logger }, payKeys);
  const deps: AppDeps = {
    config,
    instanceId,
    db,
    logger,
    sessions,
    calendar,
    clock,
    allow: accessControl(sessions),
    callbackCrypto: new CallbackCrypto(config.wecom.callbackToken, config.wecom.callbackAesKey, config.wecom.corpId),
    inbox: new Inbox(db),
    inboxHandlers,
    inboxWorker: new InboxWorker(db, inboxHandlers, logger, { owner: instanceId }),
    wecom,
    wecomSimulator: config.sandbox ? simulatorFromConfig(config) : undefined,
    miniapp: MiniappClient.fromConfig(config.miniapp, { logger }),
    miniappSimulator: config.sandbox ? miniappSimulatorFromConfig(config) : undefined,
    channels,
    outbox,
    wechatpay,
    payNotifications,
    wechatpaySimulator: config.sandbox ? wechatpaySimulatorFromConfig(config) : undefined,
    followups,
    coupons: new Coupons({ db, clock, calendar, channels, outbox, logger, config, wecom, wechatpay, payNotifications, followups }),
    referrals: new Referrals({ db, clock, config, logger, wecom }),
    materials: new Materials({ db, clock, config, logger, wecom, outbox, followups, calendar }),
    media: new MediaCache(wecom),
    pii: new PiiVault(config.pii.encryptionKey, config.pii.hashKey),
    renderCover: (title) => renderCardCover(title),
  };
  registerDirectoryHandlers(inboxHandlers, deps);
  registerCaptureHandlers(inboxHandlers, deps);
  registerReferralHandlers(inboxHandlers, deps);
  registerPayHandlers(deps);
  registerCouponHandlers(deps);
  registerScoringHandlers(deps);
  return deps;
}

/** Every domain's routes on one router (served split by area, see routeByArea). */
export function buildRouter(deps: AppDeps): Router {
  const router = new Router();
  const domains = [statusRoutes, authRoutes, wecomCallbackRoutes, wecomAdminRoutes, wecomLoginRoutes, staffAdminRoutes, channelRoutes, customerRoutes, landingRoutes, payNotifyRoutes, couponRoutes, referralRoutes, materialRoutes, subscriptionRoutes, followupRoutes];
  for (const register of domains) register(router, deps);
  return router;
}

export function buildApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: true });
  app.silent = true; // errors are logged by requestScope, with their request id
  app.use(requestScope(deps.logger, accessLogger(deps.logger)));
  // Platform callbacks (/wecom/…, /pay/…) and the simulated platforms' APIs verify signatures over
  // the raw bytes, so they read the body themselves.
  const json = bodyParser({ enableTypes: ["json"], jsonLimit: JSON_LIMIT, encoding: "utf-8" });
  const raw = (path: string) => path.startsWith("/wecom/") || path.startsWith("/pay/") || path.startsWith(`${WECHATPAY_SIMULATOR_PREFIX}/v3/`);
  app.use((ctx, next) => (ctx.method === "GET" || raw(ctx.path) ? next() : json(ctx, next)));
  // The simulated WeCom answers in WeCom's own format, outside our routes and their access rules.
  if (deps.wecomSimulator) app.use(deps.wecomSimulator.router.routes());
  if (deps.miniappSimulator) app.use(deps.miniappSimulator.router.routes());
  if (deps.wechatpaySimulator) app.use(deps.wechatpaySimulator.router.routes());
  if (deps.config.sandbox) app.use(sandboxConsoleRouter().routes());
  app.use(routeByArea(buildRouter(deps)));
  if (deps.config.sandbox && existsSync(H5_DIST)) app.use(serve(H5_DIST, { maxage: 60_000 }));
  app.use(async (ctx) => {
    throw NotFound(ctx.path.startsWith("/api/") ? "Route" : "Page");
  });
  return app;
}
