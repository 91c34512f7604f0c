import type { AppDeps } from "../deps";
import { recordTransaction } from "./transactions";

/** The payments domain's own event: payments through our mini-program, kept as order revenue. */
export function registerPayHandlers(deps: AppDeps): void {
  deps.payNotifications.on("TRANSACTION.SUCCESS", (resource) => recordTransaction(deps.db, resource));
}
