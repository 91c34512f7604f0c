import { randomBytes } from "node:crypto";
import { wallTime } from "../../../platform/zonedTime";
import { ActionRefused, ERR, fault, page } from "../wire";
import type { GroupMessageTask, GroupSend } from "../state";
import { readMessageContent } from "./attachments";
import { nowS, type ApiRoute, type SimContext } from "./route";

const MAX_CUSTOMERS = 10_000;
const MONTH_S = 31 * 86_400;
/** WeCom counts a customer's monthly cap by the corp's calendar month. */
const CORP_TIMEZONE = "Asia/Shanghai";

function month(atMs: number): { key: string; days: number } {
  const w = wallTime(new Date(atMs), CORP_TIMEZONE);
  return { key: `${w.year}-${String(w.month).padStart(2, "0")}`, days: new Date(Date.UTC(w.year, w.month, 0)).getUTCDate() };
}

function task(sim: SimContext, msgid: string | undefined): GroupMessageTask {
  const found = msgid ? sim.state.groupTasks.get(msgid) : undefined;
  if (!found) throw fault(ERR.INVALID_PARAMETER, "invalid msgid");
  return found;
}

/**
 * The member confirms the group-send task in WeCom (of one member, or of every member): each
 * pending customer gets it unless no longer a friend (2) or already at the month's cap (3), which
 * is as many group messages as the month has days.
 */
export function confirmGroupSends(sim: SimContext, msgid: string, userid?: string): GroupSend[] {
  const found = sim.state.groupTasks.get(msgid);
  if (!found) throw new ActionRefused(`no group message ${msgid}`);
  const now = sim.now();
  const { key, days } = month(now);
  const confirmed = found.sends.filter((s) => s.status === 0 && (!userid || s.userid === userid));
  for (const send of confirmed) {
    const counter = `${send.external_userid}|${key}`;
    const received = sim.state.monthlyReceived.get(counter) ?? 0;
    if (!sim.state.relation(send.userid, send.external_userid)) send.status = 2;
    else if (received >= days) send.status = 3;
    else {
      send.status = 1;
      send.send_time = Math.floor(now / 1000);
      sim.state.monthlyReceived.set(counter, received + 1);
    }
  }
  return confirmed;
}

export const groupMessagesApi: ApiRoute[] = [
  {
    method: "POST",
    path: "/cgi-bin/externalcontact/add_msg_template",
    secret: "contact",
    body: "json",
    handle: ({ body }, sim) => {
      if ((body.str("chat_type") ?? "single") !== "single") throw fault(ERR.INVALID_PARAMETER, "only chat_type single is simulated");
      const customers = body.strings("external_userid");
      if (customers.length > MAX_CUSTOMERS) throw fault(ERR.INVALID_PARAMETER, `external_userid exceed max size ${MAX_CUSTOMERS}`);
      const sender = body.str("sender");
      if (sender) sim.state.member(sender);
      const content = readMessageContent(sim, body);
      const sends: GroupSend[] = [];
      const fail_list: string[] = [];
      for (const external_userid of customers) {
        const follows = sim.state.followsOf(external_userid).filter((f) => !sender || f.userid === sender);
        if (follows.length === 0) fail_list.push(external_userid);
        for (const f of follows) sends.push({ external_userid, userid: f.userid, status: 0 });
      }
      if (sends.length === 0) throw fault(ERR.NO_CUSTOMER_TO_SEND, "no customer to send");
      const msgid = `msg${randomBytes(16).toString("base64url").slice(0, 22)}`;
      sim.state.groupTasks.set(msgid, { msgid, creator: sender ?? "", create_type: 0, create_time: nowS(sim), ...content, sends });
      return { fail_list, msgid };
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/externalcontact/get_groupmsg_list_v2",
    secret: "contact",
    body: "json",
    handle: ({ body }, sim) => {
      const start = body.int("start_time");
      const end = body.int("end_time");
      if (start === undefined || end === undefined || end < start || end - start > MONTH_S) throw fault(ERR.INVALID_PARAMETER, "invalid time range");
      const creator = body.str("creator");
      const filter = body.int("filter_type") ?? 2;
      const limit = body.int("limit") ?? 50;
      if (limit < 1 || limit > 100) throw fault(ERR.INVALID_PARAMETER, "invalid limit");
      const tasks = [...sim.state.groupTasks.values()]
        .filter((t) => t.create_time >= start && t.create_time <= end)
        .filter((t) => !creator || t.creator === creator)
        .filter((t) => filter === 2 || t.create_type === filter)
        .map(({ sends: _sends, ...wire }) => wire);
      const { items, next_cursor } = page(tasks, body.str("cursor"), limit);
      return { next_cursor, group_msg_list: items };
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/externalcontact/get_groupmsg_send_result",
    secret: "contact",
    body: "json",
    handle: ({ body }, sim) => {
      const found = task(sim, body.str("msgid"));
      const userid = body.requiredStr("userid");
      const limit = body.int("limit") ?? 500;
      if (limit < 1 || limit > 1000) throw fault(ERR.INVALID_PARAMETER, "invalid limit");
      const sends = found.sends.filter((s) => s.userid === userid);
      const { items, next_cursor } = page(sends, body.str("cursor"), limit);
      return { next_cursor, send_list: items };
    },
  },
];
