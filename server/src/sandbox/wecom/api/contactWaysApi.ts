import { randomBytes } from "node:crypto";
import { ERR, charCount, fault, page, type JsonBody } from "../wire";
import type { ContactWay } from "../state";
import type { ApiRoute, SimContext } from "./route";

const MAX_TEXT = 30;
/** Our cap on a type-2 way's member list; WeCom's own maximum is not confirmed (PROTOCOLS.md). */
export const MAX_WAY_USERS = 100;
const DAY_S = 86_400;
const TEMP_DEFAULT_S = 7 * DAY_S;
const TEMP_MAX_S = 14 * DAY_S;
const CHAT_DEFAULT_S = DAY_S;
const LIST_SPAN_MAX_S = 90 * DAY_S;

/** Applies the settable fields of an add or update body, then checks the whole way as WeCom does. */
function applySettings(sim: SimContext, way: ContactWay, body: JsonBody): void {
  if (body.has("remark")) way.remark = body.str("remark")!;
  if (body.has("state")) way.state = body.str("state")!;
  if (body.has("skip_verify")) way.skip_verify = body.bool("skip_verify");
  if (body.has("style")) way.style = body.int("style");
  if (body.has("user")) way.user = body.strings("user");
  if (body.has("party")) way.party = body.list("party").map(Number);
  if (body.has("expires_in")) way.expires_in = body.int("expires_in");
  if (body.has("chat_expires_in")) way.chat_expires_in = body.int("chat_expires_in");
  if (body.has("unionid")) way.unionid = body.str("unionid");
  if (body.has("conclusions")) way.conclusions = body.raw("conclusions");

  if (charCount(way.remark) > MAX_TEXT) throw fault(ERR.INVALID_PARAMETER, `remark exceed max length ${MAX_TEXT}`);
  if (charCount(way.state) > MAX_TEXT) throw fault(ERR.INVALID_PARAMETER, `state exceed max length ${MAX_TEXT}`);
  if (way.type === 1 && (way.user.length !== 1 || way.party.length > 0)) {
    throw fault(ERR.INVALID_USERID_LIST_SIZE, "single contact way needs exactly one user");
  }
  if (way.type === 2 && way.user.length + way.party.length === 0) throw fault(ERR.INVALID_USERID_LIST_SIZE, "user and party both empty");
  if (way.user.length > MAX_WAY_USERS) throw fault(ERR.INVALID_USERID_LIST_SIZE, `user list exceed max size ${MAX_WAY_USERS}`);
  const unknown = way.user.filter((u) => sim.state.members.get(u)?.status !== 1);
  if (unknown.length > 0) throw fault(ERR.INVALID_USERID_LIST, `invalid userid list: ${unknown.join(",")}`);
  if (way.party.some((id) => !sim.state.departments.some((d) => d.id === id))) throw fault(ERR.INVALID_DEPARTMENT_ID, "invalid party");
  if (way.is_temp) {
    if (way.type !== 1) throw fault(ERR.INVALID_PARAMETER, "temporary contact way supports a single user only");
    way.expires_in ??= TEMP_DEFAULT_S;
    way.chat_expires_in ??= CHAT_DEFAULT_S;
    if (way.expires_in <= 0 || way.expires_in > TEMP_MAX_S) throw fault(ERR.INVALID_PARAMETER, "invalid expires_in");
    if (way.chat_expires_in <= 0 || way.chat_expires_in > TEMP_MAX_S) throw fault(ERR.INVALID_PARAMETER, "invalid chat_expires_in");
  }
}

function findWay(sim: SimContext, body: JsonBody): ContactWay {
  const way = sim.state.contactWays.get(body.requiredStr("config_id"));
  if (!way) throw fault(ERR.INVALID_PARAMETER, "invalid config_id");
  return way;
}

/** The way as WeCom answers it, without the simulator's bookkeeping. */
const present = ({ createdAtMs: _created, used: _used, nextUser: _next, ...wire }: ContactWay) => wire;

export const contactWaysApi: ApiRoute[] = [
  {
    method: "POST",
    path: "/cgi-bin/externalcontact/add_contact_way",
    secret: "contact",
    body: "json",
    handle: ({ body }, sim) => {
      const type = body.int("type");
      const scene = body.int("scene");
      if (type !== 1 && type !== 2) throw fault(ERR.INVALID_PARAMETER, "invalid type");
      if (scene !== 1 && scene !== 2) throw fault(ERR.INVALID_SCENE, "invalid scene");
      const config_id = randomBytes(16).toString("hex");
      const way: ContactWay = {
        config_id,
        type,
        scene,
        remark: "",
        skip_verify: true,
        state: "",
        user: [],
        party: [],
        is_temp: body.bool("is_temp"),
        ...(scene === 2 ? { qr_code: sim.publicUrl ? `${sim.publicUrl}/_qr/${config_id}.png` : `https://wework.qpic.cn/wwpic/${config_id}/0` } : {}),
        createdAtMs: sim.now(),
        used: false,
        nextUser: 0,
      };
      applySettings(sim, way, body);
      sim.state.contactWays.set(config_id, way);
      return way.qr_code ? { config_id, qr_code: way.qr_code } : { config_id };
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/externalcontact/get_contact_way",
    secret: "contact",
    body: "json",
    handle: ({ body }, sim) => ({ contact_way: present(findWay(sim, body)) }),
  },
  {
    method: "POST",
    path: "/cgi-bin/externalcontact/update_contact_way",
    secret: "contact",
    body: "json",
    handle: ({ body }, sim) => {
      const way = findWay(sim, body);
      // Checked on a copy, so a refused update leaves the way as it was.
      const draft = structuredClone(way);
      applySettings(sim, draft, body);
      Object.assign(way, draft);
      return {};
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/externalcontact/del_contact_way",
    secret: "contact",
    body: "json",
    handle: ({ body }, sim) => {
      sim.state.contactWays.delete(findWay(sim, body).config_id);
      return {};
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/externalcontact/list_contact_way",
    secret: "contact",
    body: "json",
    handle: ({ body }, sim) => {
      const nowSec = Math.floor(sim.now() / 1000);
      const end = body.int("end_time") ?? nowSec;
      const start = body.int("start_time") ?? end - LIST_SPAN_MAX_S;
      if (end < start || end - start > LIST_SPAN_MAX_S) throw fault(ERR.INVALID_PARAMETER, "invalid time range");
      const limit = body.int("limit") ?? 100;
      if (limit < 1 || limit > 1000) throw fault(ERR.INVALID_PARAMETER, "invalid limit");
      const ways = [...sim.state.contactWays.values()]
        .filter((w) => w.createdAtMs >= start * 1000 && w.createdAtMs <= end * 1000 + 999)
        .map((w) => ({ config_id: w.config_id }));
      const { items, next_cursor } = page(ways, body.str("cursor"), limit);
      return { contact_way: items, next_cursor };
    },
  },
];
