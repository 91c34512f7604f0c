import { z } from "zod";
import { Role } from "../roles";

export const SessionUser = z.object({
  id: z.string(),
  role: Role,
  name: z.string(),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** `POST /api/sandbox/login` (sandbox mode only): sign in as a demo user of any role. */
export const SandboxLoginRequest = z.object({
  role: Role,
  name: z.string().trim().min(1).max(64).optional(),
  /** Staff and managers: a WeCom userid of the demo corp (default: one that the directory has). */
  userId: z.string().trim().min(1).max(64).optional(),
});
export type SandboxLoginRequest = z.infer<typeof SandboxLoginRequest>;

/**
 * `POST /api/auth/wecom/weapp` (code from `wx.qy.login`) and `POST /api/auth/wecom/oauth` (code from
 * the WeCom OAuth redirect, H5): a staff member or manager signs in. Codes are at most 512 bytes.
 */
export const WecomLoginRequest = z.object({ code: z.string().trim().min(1).max(512) });
export type WecomLoginRequest = z.infer<typeof WecomLoginRequest>;

export const SessionResponse = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  user: SessionUser,
});
export type SessionResponse = z.infer<typeof SessionResponse>;

/** `GET /api/me`: the signed-in user. */
export const MeResponse = z.object({ user: SessionUser });
export type MeResponse = z.infer<typeof MeResponse>;
