import { z } from "zod";
import { MeResponse, SandboxLoginRequest, SessionResponse, WecomLoginRequest } from "./auth";
import { StaffListResponse, StaffRoleRequest, StaffRoleResponse } from "./staff";
import { StatusResponse } from "./status";

/**
 * The HTTP contract, one entry per endpoint. The server validates bodies with `body` and the
 * mini-program's client parses answers with `response`, so both sides share one definition.
 */
export interface Endpoint<B extends z.ZodType | undefined, R extends z.ZodType> {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  body: B;
  response: R;
}

const endpoint = <B extends z.ZodType | undefined, R extends z.ZodType>(e: Endpoint<B, R>) => e;

export const endpoints = {
  status: endpoint({ method: "GET", path: "/api/status", body: undefined, response: StatusResponse }),
  me: endpoint({ method: "GET", path: "/api/me", body: undefined, response: MeResponse }),
  sandboxLogin: endpoint({
    method: "POST",
    path: "/api/sandbox/login",
    body: SandboxLoginRequest,
    response: SessionResponse,
  }),
  wecomWeappLogin: endpoint({ method: "POST", path: "/api/auth/wecom/weapp", body: WecomLoginRequest, response: SessionResponse }),
  wecomOAuthLogin: endpoint({ method: "POST", path: "/api/auth/wecom/oauth", body: WecomLoginRequest, response: SessionResponse }),
  staffList: endpoint({ method: "GET", path: "/api/admin/staff", body: undefined, response: StaffListResponse }),
  staffRole: endpoint({ method: "POST", path: "/api/admin/staff/:userid/role", body: StaffRoleRequest, response: StaffRoleResponse }),
};
export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;
export type BodyOf<N extends EndpointName> = Endpoints[N]["body"] extends z.ZodType
  ? z.input<Endpoints[N]["body"]>
  : undefined;
export type ResponseOf<N extends EndpointName> = z.infer<Endpoints[N]["response"]>;
