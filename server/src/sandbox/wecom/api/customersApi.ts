import { createHash } from "node:crypto";
import { ERR, fault } from "../wire";
import type { FollowRelation } from "../demoCorp";
import type { ApiRoute, SimContext } from "./route";

function presentFollow(sim: SimContext, f: FollowRelation) {
  const tags = f.tagIds.flatMap((id) => {
    const found = sim.state.tagById(id);
    return found ? [{ group_name: found.group.group_name, tag_name: found.name, tag_id: id, type: 1 }] : [];
  });
  return {
    userid: f.userid,
    remark: f.remark,
    description: f.description,
    createtime: f.createtime,
    tags,
    remark_mobiles: [],
    add_way: f.add_way,
    oper_userid: f.oper_userid,
    ...(f.state ? { state: f.state } : {}),
  };
}

/** `externalcontact/get` and the self-built app's unionid conversion. */
export const customersApi: ApiRoute[] = [
  {
    method: "GET",
    path: "/cgi-bin/externalcontact/get",
    secret: "contact",
    body: "none",
    handle: ({ query }, sim) => {
      if (!query.external_userid) throw fault(ERR.INVALID_EXTERNAL_USERID, "external_userid missing");
      const c = sim.state.customer(query.external_userid);
      const follows = sim.state.followsOf(c.external_userid);
      if (follows.length === 0) throw fault(ERR.NOT_EXTERNAL_CONTACT, "not external contact");
      const { unionid, ...rest } = c;
      return {
        external_contact: { ...rest, ...(unionid ? { unionid } : {}) },
        follow_user: follows.map((f) => presentFollow(sim, f)),
        next_cursor: "",
      };
    },
  },
  {
    // Self-built apps: POST /cgi-bin/externalcontact/unionid_to_external_userid {unionid, openid,
    // subject_type}. A WeChat user who is not a customer yet gets a `pending_id` instead.
    method: "POST",
    path: "/cgi-bin/externalcontact/unionid_to_external_userid",
    secret: "contact",
    body: "json",
    handle: ({ body }, sim) => {
      const unionid = body.requiredStr("unionid");
      body.requiredStr("openid");
      const customer = [...sim.state.customers.values()].find((c) => c.unionid === unionid);
      if (customer && sim.state.followsOf(customer.external_userid).length > 0) return { external_userid: customer.external_userid };
      const pending = createHash("sha256").update(`${sim.corpId}:${unionid}`).digest("base64url").slice(0, 28);
      return { pending_id: `p${pending}` };
    },
  },
];
