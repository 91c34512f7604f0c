import type { Config } from "@scrm/config";
import type { Database } from "./db/database";
import type { BusinessClock } from "./platform/clock";
import type { WorkingCalendar } from "./platform/calendar";
import type { Logger } from "./platform/logger";
import type { Sessions } from "./auth/sessions";
import type { Allow } from "./http/access";
import type { CallbackCrypto } from "./wecom/callbackCrypto";
import type { Inbox } from "./wecom/inbox/inbox";
import type { InboxHandlers } from "./wecom/inbox/handlers";
import type { InboxWorker } from "./wecom/inbox/worker";
import type { WecomClient } from "./wecom/api/client";
import type { WecomSimulator } from "./sandbox/wecom/simulator";
import type { MiniappClient } from "./miniapp/client";
import type { Channels } from "./channels/channels";
import type { MediaCache } from "./wecom/mediaCache";
import type { PiiVault } from "./platform/pii";
import type { MiniappSimulator } from "./sandbox/miniapp/simulator";
import type { Outbox } from "./platform/outbox/outbox";
import type { WechatPayClient } from "./pay/client";
import type { PayNotifications } from "./pay/notifications";
import type { WechatPaySimulator } from "./sandbox/wechatpay";
import type { Coupons } from "./coupons/coupons";
import type { Referrals } from "./referrals/referrals";
import type { Materials } from "./materials/materials";
import type { Followups } from "./followups/followups";

/** What every domain's routes and services are built from. One set per server instance. */
export interface AppDeps {
  config: Config;
  /** This server process among the instances sharing the database (logs, job leases). */
  instanceId: string;
  db: Database;
  clock: BusinessClock;
  calendar: WorkingCalendar;
  logger: Logger;
  sessions: Sessions;
  allow: Allow;
  callbackCrypto: CallbackCrypto;
  inbox: Inbox;
  /** Where domains register what they do with each kind of WeCom event. */
  inboxHandlers: InboxHandlers;
  inboxWorker: InboxWorker;
  /** WeCom's server API: tokens shared through the database, limits, retries. */
  wecom: WecomClient;
  /** Sandbox only: the simulated WeCom mounted at /sandbox/wecom, for the console and tests to drive. */
  wecomSimulator?: WecomSimulator;
  /** The mini-program platform's server API: login codes, the stable access token, mini-program codes. */
  miniapp: MiniappClient;
  /** Sandbox only: the simulated mini-program platform mounted at /sandbox/miniapp. */
  miniappSimulator?: MiniappSimulator;
  /** Channels and their contact ways (routing, caps, shifts). */
  channels: Channels;
  /** Images uploaded to WeCom, reused while WeCom keeps them. */
  media: MediaCache;
  /** Encryption and keyed hashes for personal data at rest. */
  pii: PiiVault;
  /** Durable after-commit work (WeChat Pay sends, alerts, notification handling), shared by instances. */
  outbox: Outbox;
  /** WeChat Pay's API v3; absent when WeChat Pay is not configured. */
  wechatpay?: WechatPayClient;
  /** Verified WeChat Pay notifications and the handlers of their event types. */
  payNotifications: PayNotifications;
  /** Sandbox only: the simulated WeChat Pay mounted at /sandbox/wechatpay. */
  wechatpaySimulator?: WechatPaySimulator;
  /** The coupon domain's per-instance state: stock cache, stock alerts, in-store code key. */
  coupons: Coupons;
  /** The referral domain's per-instance state: policies and codes. */
  referrals: Referrals;
  /** The material domain's per-instance state: the event writer and alert throttling. */
  materials: Materials;
  /** The follow-up domain's per-instance state: plans by trigger. */
  followups: Followups;
  /** A mini-program card's cover image, from its title. */
  renderCover: (title: string) => Promise<Buffer>;
}
