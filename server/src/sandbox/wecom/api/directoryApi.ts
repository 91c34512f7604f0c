import { ERR, fault, page } from "../wire";
import type { Department } from "../demoCorp";
import type { ApiRoute, SimContext } from "./route";

const MAX_LIST_LIMIT = 10_000;

function subtree(sim: SimContext, rootId: number): Department[] {
  const out: Department[] = [];
  const visit = (id: number) => {
    const d = sim.state.departments.find((x) => x.id === id);
    if (!d) return;
    out.push(d);
    sim.state.departments.filter((x) => x.parentid === id).forEach((child) => visit(child.id));
  };
  visit(rootId);
  return out;
}

/** `user/list_id`, `user/get`, `department/list`: what the directory sync reads. */
export const directoryApi: ApiRoute[] = [
  {
    method: "POST",
    path: "/cgi-bin/user/list_id",
    secret: "directory",
    body: "json",
    handle: ({ body }, sim) => {
      const limit = body.int("limit") ?? MAX_LIST_LIMIT;
      if (limit < 1 || limit > MAX_LIST_LIMIT) throw fault(ERR.INVALID_PARAMETER, "invalid limit");
      const rows = [...sim.state.members.values()].flatMap((m) => m.department.map((department) => ({ userid: m.userid, department })));
      const { items, next_cursor } = page(rows, body.str("cursor"), limit);
      return { next_cursor, dept_user: items };
    },
  },
  {
    method: "GET",
    path: "/cgi-bin/user/get",
    secret: "directory",
    body: "none",
    handle: ({ query }, sim) => {
      if (!query.userid) throw fault(ERR.USERID_NOT_FOUND, "userid missing");
      const m = sim.state.member(query.userid);
      return {
        ...m,
        order: m.department.map(() => 0),
        thumb_avatar: m.avatar.replace(/\/0$/, "/100"),
        direct_leader: [],
        alias: "",
        telephone: "",
        enable: m.status === 2 ? 0 : 1,
        isleader: m.is_leader_in_dept.includes(1) ? 1 : 0,
        extattr: { attrs: [] },
        external_position: "",
      };
    },
  },
  {
    method: "GET",
    path: "/cgi-bin/department/list",
    secret: "directory",
    body: "none",
    handle: ({ query }, sim) => {
      if (query.id === undefined || query.id === "") return { department: sim.state.departments };
      const found = subtree(sim, Number(query.id));
      if (found.length === 0) throw fault(ERR.INVALID_DEPARTMENT_ID, "invalid department id");
      return { department: found };
    },
  },
];
