import { z } from "zod";
import { Attribution } from "../attribution";
import { SessionUser } from "./auth";

/** `POST /api/auth/wx-login`: the mini-program's `wx.login` code (in the H5 sandbox, the simulator's). */
export const WxLoginRequest = z.object({
  code: z.string().min(1).max(128),
  attribution: Attribution.optional(),
});
export type WxLoginRequest = z.infer<typeof WxLoginRequest>;

export const CustomerSessionResponse = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  user: SessionUser,
  /** True when this login created the customer record. */
  newCustomer: z.boolean(),
});
export type CustomerSessionResponse = z.infer<typeof CustomerSessionResponse>;

/** `GET /api/landing/:state`: what a customer who scanned or opened a channel sees before logging in. */
export const LandingView = z.object({
  channel: z.object({ name: z.string(), state: z.string(), campaignName: z.string() }),
  /** The channel's contact QR (anyone may scan it). */
  qrCode: z.string().nullable(),
  live: z.boolean(),
});
export type LandingView = z.infer<typeof LandingView>;

/** `POST /api/landing/:state/contact`: a logged-in customer's own contact QR, joining them to the WeCom contact. */
export const LandingContact = z.object({
  qrCode: z.string(),
  staffUserId: z.string(),
  staffName: z.string(),
  expiresAt: z.iso.datetime(),
});
export type LandingContact = z.infer<typeof LandingContact>;

/** `POST /api/me/phone`: a customer gives their phone number; without consent nothing is stored. */
export const PhoneConsent = z.object({
  phone: z.string().trim().min(5).max(20),
  consent: z.literal(true, { error: "consent is required before we keep a phone number" }),
});
export type PhoneConsent = z.infer<typeof PhoneConsent>;
