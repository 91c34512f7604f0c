import { z } from "zod";

/** Who may call a route. `public` is for health checks and platform callbacks. */
export const Role = z.enum(["customer", "staff", "manager"]);
export type Role = z.infer<typeof Role>;
export type RouteAccess = Role | "public";
