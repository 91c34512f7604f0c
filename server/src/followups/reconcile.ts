import type { AppDeps } from "../deps";
import { HOUR_MS } from "../platform/clock";
import type { GroupSendStatus } from "../wecom/api/groupMessages";
import type { FollowupTask } from "./task.entity";

/** Looked for from a little before the call started (clocks differ), in seconds as WeCom wants. */
const SEARCH_SLACK_S = 120;

/** What WeCom knows of a customer message whose creation we did not see answered. */
export type Found = { kind: "found"; msgid: string } | { kind: "absent" };

/**
 * Finds the group-send task a crash or a timeout left unanswered: the staff member's tasks created
 * since the call started, with our text, that name this customer. Absent means WeCom never made
 * it, so it may be sent (once) again.
 */
export async function findCustomerMessage(deps: Pick<AppDeps, "wecom">, task: FollowupTask, sender: string, externalUserId: string): Promise<Found> {
  const start = Math.floor((task.sendingAt?.getTime() ?? task.createdAt.getTime()) / 1000) - SEARCH_SLACK_S;
  const end = Math.ceil(Date.now() / 1000) + SEARCH_SLACK_S;
  let cursor: string | undefined;
  do {
    const page = await deps.wecom.groupMessages.list({ start_time: start, end_time: end, creator: sender, limit: 100, cursor });
    for (const msg of page.group_msg_list.filter((m) => m.text?.content === task.text)) {
      const status = await sendStatus(deps, msg.msgid, sender, externalUserId);
      if (status !== undefined) return { kind: "found", msgid: msg.msgid };
    }
    cursor = page.next_cursor || undefined;
  } while (cursor);
  return { kind: "absent" };
}

/** The customer's status in a group-send task (0 waiting for the staff member, 1 sent, 2 not a friend, 3 over the cap), if they are in it. */
export async function sendStatus(deps: Pick<AppDeps, "wecom">, msgid: string, sender: string, externalUserId: string): Promise<GroupSendStatus | undefined> {
  let cursor: string | undefined;
  do {
    const page = await deps.wecom.groupMessages.sendResult({ msgid, userid: sender, limit: 1000, cursor });
    const row = page.send_list.find((r) => r.external_userid === externalUserId);
    if (row) return row.status;
    cursor = page.next_cursor || undefined;
  } while (cursor);
  return undefined;
}

/** How long a sent customer message waits for the staff member to confirm it in WeCom before it counts as failed. */
export const CONFIRM_WITHIN_MS = 72 * HOUR_MS;
/** How often a sent customer message is checked for confirmation. */
export const CONFIRM_CHECK_MS = 10 * 60_000;
