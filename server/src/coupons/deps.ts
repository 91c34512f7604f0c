import type { AppDeps } from "../deps";

/** What the coupon services use. */
export type CouponDeps = Pick<AppDeps, "db" | "clock" | "channels" | "outbox" | "logger" | "coupons" | "config" | "wecom" | "wechatpay" | "payNotifications" | "materials" | "followups" | "calendar">;
