import type Router from "@koa/router";
import { StaffRoleRequest, type StaffListResponse, type StaffMember, type StaffRoleResponse } from "@scrm/shared";
import type { AppDeps } from "../../deps";
import { parseBody } from "../../http/validate";
import { listDepartments } from "./departments";
import { changeStaffRole } from "./roles";
import { Staff } from "./staff.entity";

const present = (s: Staff): StaffMember => ({
  userid: s.userid,
  name: s.name,
  departmentIds: s.departmentIds,
  mainDepartment: s.mainDepartment,
  position: s.position,
  status: s.status,
  role: s.role,
  syncedAt: s.syncedAt.toISOString(),
});

/** Managers see the staff directory and decide who else manages. */
export function staffAdminRoutes(router: Router, { allow, db, sessions }: AppDeps): void {
  router.get("/api/admin/staff", allow("manager"), async (ctx) => {
    const [staff, departments] = await Promise.all([
      db.manager.find(Staff, { order: { status: "ASC", name: "ASC", userid: "ASC" } }),
      listDepartments(db),
    ]);
    const body: StaffListResponse = {
      staff: staff.map(present),
      departments: departments.map(({ id, name, parentId, order }) => ({ id, name, parentId, order })),
    };
    ctx.body = body;
  });

  router.post("/api/admin/staff/:userid/role", allow("manager"), async (ctx) => {
    const { role } = parseBody(ctx, StaffRoleRequest);
    const body: StaffRoleResponse = { staff: present(await changeStaffRole(db, sessions, ctx.params.userid, role)) };
    ctx.body = body;
  });
}
