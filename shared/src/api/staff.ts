import { z } from "zod";
import { Role } from "../roles";

/** The roles a staff member can hold in our app; WeCom knows nothing of them. */
export const StaffRole = Role.extract(["staff", "manager"]);
export type StaffRole = z.infer<typeof StaffRole>;

/** `inactive`: left the corp, disabled, or no longer listed by WeCom. Never deleted. */
export const StaffStatus = z.enum(["active", "inactive"]);
export type StaffStatus = z.infer<typeof StaffStatus>;

export const StaffMember = z.object({
  userid: z.string(),
  name: z.string(),
  departmentIds: z.array(z.number().int()),
  mainDepartment: z.number().int().nullable(),
  position: z.string(),
  status: StaffStatus,
  role: StaffRole,
  syncedAt: z.iso.datetime(),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const DepartmentSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  parentId: z.number().int(),
  order: z.number().int(),
});
export type DepartmentSummary = z.infer<typeof DepartmentSummary>;

/** `GET /api/admin/staff` (managers): the staff directory as last synced from WeCom. */
export const StaffListResponse = z.object({
  staff: z.array(StaffMember),
  departments: z.array(DepartmentSummary),
});
export type StaffListResponse = z.infer<typeof StaffListResponse>;

/** `POST /api/admin/staff/:userid/role` (managers). */
export const StaffRoleRequest = z.object({ role: StaffRole });
export type StaffRoleRequest = z.infer<typeof StaffRoleRequest>;

export const StaffRoleResponse = z.object({ staff: StaffMember });
export type StaffRoleResponse = z.infer<typeof StaffRoleResponse>;
