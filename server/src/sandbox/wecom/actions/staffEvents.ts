import { ActionRefused } from "../wire";
import type { Member } from "../demoCorp";
import type { EventFields } from "../callbacks/eventXml";
import type { CallbackReceipt } from "../callbacks/sender";
import type { EventContext } from "./customerEvents";

export interface StaffJoins {
  userId: string;
  name: string;
  department: number[];
  mainDepartment?: number;
  position?: string;
  gender?: Member["gender"];
}

export interface StaffUpdated {
  userId: string;
  name?: string;
  department?: number[];
  mainDepartment?: number;
  position?: string;
  status?: Member["status"];
}

const changeContact = (changeType: string, fields: EventFields): EventFields => ({ Event: "change_contact", ChangeType: changeType, ...fields });

function checkDepartments(ctx: EventContext, ids: number[]): void {
  const unknown = ids.filter((id) => !ctx.sim.state.departments.some((d) => d.id === id));
  if (ids.length === 0 || unknown.length > 0) throw new ActionRefused(`unknown departments: ${unknown.join(",") || "(none given)"}`);
}

/** A member joins the corp: `change_contact` / `create_user` with the usual fields. */
export async function staffJoins(ctx: EventContext, input: StaffJoins): Promise<CallbackReceipt> {
  const { members } = ctx.sim.state;
  if (members.has(input.userId)) throw new ActionRefused(`member ${input.userId} already exists`);
  checkDepartments(ctx, input.department);
  const main = input.mainDepartment ?? input.department[0];
  const m: Member = {
    userid: input.userId,
    name: input.name,
    department: input.department,
    main_department: main,
    position: input.position ?? "",
    gender: input.gender ?? "0",
    status: 1,
    is_leader_in_dept: input.department.map(() => 0),
    avatar: `https://wework.qpic.cn/wwhead/sandbox-${input.userId}/0`,
  };
  members.set(m.userid, m);
  return ctx.emit(
    changeContact("create_user", {
      UserID: m.userid,
      Name: m.name,
      Department: m.department.join(","),
      MainDepartment: m.main_department,
      IsLeaderInDept: m.is_leader_in_dept.join(","),
      Position: m.position,
      Gender: Number(m.gender),
      Status: m.status,
      Avatar: m.avatar,
    }),
  );
}

/** A member leaves: WeCom deletes them from the directory; their customers stay until handed over. */
export async function staffLeaves(ctx: EventContext, { userId }: { userId: string }): Promise<CallbackReceipt> {
  if (!ctx.sim.state.members.delete(userId)) throw new ActionRefused(`no member ${userId}`);
  return ctx.emit(changeContact("delete_user", { UserID: userId }));
}

/** A member's details change: `update_user` carries the UserID and only the changed fields. */
export async function staffUpdated(ctx: EventContext, input: StaffUpdated): Promise<CallbackReceipt> {
  const m = ctx.sim.state.members.get(input.userId);
  if (!m) throw new ActionRefused(`no member ${input.userId}`);
  const fields: EventFields = { UserID: m.userid };
  if (input.name !== undefined) fields.Name = m.name = input.name;
  if (input.department !== undefined) {
    checkDepartments(ctx, input.department);
    m.department = input.department;
    m.is_leader_in_dept = input.department.map(() => 0);
    fields.Department = m.department.join(",");
  }
  if (input.mainDepartment !== undefined) {
    if (!m.department.includes(input.mainDepartment)) throw new ActionRefused("mainDepartment must be one of the member's departments");
    fields.MainDepartment = m.main_department = input.mainDepartment;
  } else if (input.department !== undefined && !m.department.includes(m.main_department)) {
    fields.MainDepartment = m.main_department = m.department[0];
  }
  if (input.position !== undefined) fields.Position = m.position = input.position;
  if (input.status !== undefined) fields.Status = m.status = input.status;
  return ctx.emit(changeContact("update_user", fields));
}
