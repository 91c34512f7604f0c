import type { AppDeps } from "../deps";
import type { InboxHandlers } from "../wecom/inbox/handlers";
import { inviteeAdded, inviteeLeft } from "./qualification";

const EXTERNAL = "change_external_contact";

/** Invitees adding and leaving staff; registered after capture, whose records these read. */
export function registerReferralHandlers(handlers: InboxHandlers, deps: AppDeps): void {
  handlers.register(EXTERNAL, "add_external_contact", (e) => inviteeAdded(deps, e));
  handlers.register(EXTERNAL, "del_follow_user", (e) => inviteeLeft(deps, e));
}
