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
}
