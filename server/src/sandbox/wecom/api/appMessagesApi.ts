import { createHash, randomBytes } from "node:crypto";
import { ERR, fault, type JsonBody } from "../wire";
import type { ApiRoute, SimContext } from "./route";

const DEFAULT_DUPLICATE_INTERVAL_S = 1800;
const MAX_DUPLICATE_INTERVAL_S = 4 * 3600;
/** An app may send one member this many messages a minute; WeCom drops the rest without saying so. */
export const MEMBER_MESSAGES_PER_MINUTE = 30;
const MINUTE_MS = 60_000;

/** The required parts of each message type we send (text, textcard, miniprogram_notice, markdown). */
const REQUIRED: Record<string, string[]> = {
  text: ["content"],
  markdown: ["content"],
  textcard: ["title", "description", "url"],
  miniprogram_notice: ["appid", "title"],
};

function recipients(sim: SimContext, body: JsonBody): { valid: string[]; invaliduser: string[]; invalidparty: string[] } {
  const split = (v: string | undefined) => (v ? v.split("|").filter((x) => x !== "") : []);
  const isActive = (userid: string) => sim.state.members.get(userid)?.status === 1;
  const users = split(body.str("touser"));
  const parties = split(body.str("toparty"));
  const valid = new Set<string>();
  const invaliduser: string[] = [];
  const invalidparty: string[] = [];
  for (const u of users) {
    if (u === "@all") [...sim.state.members.keys()].filter(isActive).forEach((id) => valid.add(id));
    else if (isActive(u)) valid.add(u);
    else invaliduser.push(u);
  }
  for (const p of parties) {
    if (!sim.state.departments.some((d) => String(d.id) === p)) invalidparty.push(p);
    else [...sim.state.members.values()].filter((m) => m.status === 1 && m.department.map(String).includes(p)).forEach((m) => valid.add(m.userid));
  }
  return { valid: [...valid], invaliduser, invalidparty };
}

/** Whether the duplicate check swallows this message: same recipients and content inside the interval. */
function isDuplicate(sim: SimContext, body: JsonBody, msgtype: string): boolean {
  if (!body.bool("enable_duplicate_check")) return false;
  const interval = body.int("duplicate_check_interval") ?? DEFAULT_DUPLICATE_INTERVAL_S;
  if (interval <= 0 || interval > MAX_DUPLICATE_INTERVAL_S) throw fault(ERR.INVALID_PARAMETER, "invalid duplicate_check_interval");
  const key = createHash("sha256")
    .update(JSON.stringify([body.raw("touser"), body.raw("toparty"), body.raw("totag"), msgtype, body.raw(msgtype)]))
    .digest("hex");
  const now = sim.now();
  const first = sim.state.appMessageFirstSent.get(key);
  if (first !== undefined && now - first < interval * 1000) return true;
  sim.state.appMessageFirstSent.set(key, now);
  return false;
}

export const appMessagesApi: ApiRoute[] = [
  {
    method: "POST",
    path: "/cgi-bin/message/send",
    secret: "app",
    body: "json",
    handle: ({ body }, sim) => {
      const agentid = body.int("agentid");
      if (agentid === undefined) throw fault(ERR.MISSING_AGENTID, "agentid missing");
      if (agentid !== sim.agentId) throw fault(ERR.INVALID_AGENTID, "invalid agentid");
      const msgtype = body.str("msgtype") ?? "";
      const content = body.object(msgtype);
      if (!REQUIRED[msgtype]) throw fault(ERR.INVALID_MSGTYPE, "invalid msgtype");
      if (!content || REQUIRED[msgtype].some((field) => !content.str(field))) throw fault(ERR.EMPTY_CONTENT, `${msgtype} content missing`);
      const { valid, invaliduser, invalidparty } = recipients(sim, body);
      if (valid.length === 0) throw fault(ERR.ALL_RECIPIENTS_INVALID, "user & party & tag all invalid");
      const msgid = randomBytes(24).toString("base64url");
      if (!isDuplicate(sim, body, msgtype)) {
        const now = sim.now();
        for (const userid of valid) {
          const recent = (sim.state.recentDeliveries.get(userid) ?? []).filter((at) => at > now - MINUTE_MS);
          sim.state.recentDeliveries.set(userid, recent);
          if (recent.length >= sim.memberMessagesPerMinute) continue;
          recent.push(now);
          sim.state.deliveries.push({ msgid, userid, atMs: now, msgtype, content: body.raw(msgtype) });
        }
      }
      return {
        invaliduser: invaliduser.join("|"),
        invalidparty: invalidparty.join("|"),
        invalidtag: body.str("totag") ?? "",
        unlicenseduser: "",
        msgid,
      };
    },
  },
];
