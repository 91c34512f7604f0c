import { z } from "zod";
import { validate as isCronExpression } from "node-cron";

const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");
const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ""));
const cron = z.string().refine(isCronExpression, "not a valid cron expression");
const secret = (min: number) => z.string().min(min, `must be at least ${min} characters`);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:mm");

/** The database: an SQLite file (default) or MySQL/MariaDB. */
export type DatabaseSetting = { kind: "sqlite"; path: string } | { kind: "mysql"; url: string };

const databaseUrl = z
  .string()
  .regex(/^(sqlite:.+|mysql:\/\/.+)$/, "must be sqlite:<path> or mysql://user:pass@host:port/db")
  .transform((v): DatabaseSetting =>
    v.startsWith("mysql://") ? { kind: "mysql", url: v } : { kind: "sqlite", path: v.slice("sqlite:".length) },
  );

/**
 * Every setting the server reads, as environment variables. Optional here means "has a default
 * or belongs to an optional group"; `checkRequired` enforces what production needs.
 */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_BASE_URL: url.optional(),
  DATABASE_URL: databaseUrl.optional(),
  /** MySQL connections per instance (SQLite has one). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(500).default(50),
  SANDBOX: flag.default(false),
  ALLOW_SANDBOX_ON_MYSQL: flag.default(false),
  TZ: z.string().default("Asia/Shanghai"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  INSTANCE_ID: z.string().min(1).max(64).optional(),
  DATA_DIR: z.string().default("data"),

  SESSION_SECRET: secret(32).optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 30),
  PII_ENCRYPTION_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters (32 bytes)").optional(),
  PII_HASH_KEY: secret(32).optional(),

  WECOM_CORP_ID: z.string().min(1).optional(),
  WECOM_AGENT_ID: z.coerce.number().int().positive().optional(),
  WECOM_APP_SECRET: secret(8).optional(),
  WECOM_CONTACT_SECRET: secret(8).optional(),
  WECOM_DIRECTORY_SECRET: secret(8).optional(),
  WECOM_CALLBACK_TOKEN: z.string().min(1).max(32).optional(),
  WECOM_CALLBACK_AES_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}$/, "must be the 43-character EncodingAESKey").optional(),
  WECOM_API_BASE: url.optional(),
  /** Calls per WeCom API a minute this instance makes at most (WeCom allows 10,000 per corp; keep the instances' sum under it). */
  WECOM_API_PER_MINUTE: z.coerce.number().int().min(1).max(100_000_000).default(9_000),
  INITIAL_MANAGER_USERIDS: z
    .string()
    .transform((v) => v.split(",").map((id) => id.trim()).filter((id) => id !== ""))
    .pipe(z.array(z.string().regex(/^[\w.@-]{1,64}$/, "must be comma-separated WeCom userids")))
    .optional(),

  MINIAPP_APPID: z.string().min(1).optional(),
  MINIAPP_SECRET: secret(8).optional(),
  MINIAPP_API_BASE: url.optional(),
  /** `key=templateId,…`: the one-time subscribe message templates (service notices only) the follow-ups may send. */
  MINIAPP_SUBSCRIBE_TEMPLATES: z
    .string()
    .transform((v) => v.split(",").map((pair) => pair.trim()).filter((pair) => pair !== ""))
    .pipe(z.array(z.string().regex(/^[a-z][a-z0-9_]{0,31}=[\w-]{1,64}$/, "must be comma-separated key=templateId pairs (keys: a-z, 0-9, _)")))
    .transform((pairs) => Object.fromEntries(pairs.map((pair) => pair.split("=", 2) as [string, string])))
    .optional(),

  WECHATPAY_MCHID: z.string().regex(/^\d{6,32}$/, "must be the numeric merchant id").optional(),
  WECHATPAY_SERIAL_NO: z.string().regex(/^[0-9A-Fa-f]{8,64}$/, "must be the certificate serial in hex").optional(),
  WECHATPAY_PRIVATE_KEY_PATH: z.string().min(1).optional(),
  WECHATPAY_CERT_PATH: z.string().min(1).optional(),
  WECHATPAY_APIV3_KEY: z.string().length(32, "must be exactly 32 characters").optional(),
  WECHATPAY_PLATFORM_CERT_PATH: z.string().min(1).optional(),
  WECHATPAY_PUBLIC_KEY_PATH: z.string().min(1).optional(),
  WECHATPAY_PUBLIC_KEY_ID: z.string().regex(/^PUB_KEY_ID_\w+$/, "must look like PUB_KEY_ID_…").optional(),
  WECHATPAY_API_BASE: url.optional(),
  /** How long a WeChat Pay API call may take before it counts as failed (and is retried, idempotently). */
  WECHATPAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),

  WORKDAY_START: clockTime.default("09:00"),
  WORKDAY_END: clockTime.default("18:00"),
  /** Customer-facing follow-ups wait from QUIET_HOURS_START until QUIET_HOURS_END (local time). */
  QUIET_HOURS_START: clockTime.default("21:00"),
  QUIET_HOURS_END: clockTime.default("09:00"),
  /** Customer-facing follow-up messages a customer gets a day at most (the rest wait for the next day). */
  FOLLOWUP_DAILY_CAP: z.coerce.number().int().min(1).max(20).default(1),
  /** Follow-up steps one instance delivers at once. */
  FOLLOWUP_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  /** Business time at start (ISO); the business clock runs on from there. For load tests and demos; unset in production. */
  BUSINESS_TIME_AT_START: z.iso.datetime({ offset: true }).optional(),
  /** How often follow-up steps due are delivered (every instance ticks; tasks are shared by leases). */
  CRON_FOLLOWUPS: cron.default("*/10 * * * * *"),
  /** How often customers who went quiet start the plans of inactivity. */
  CRON_INACTIVITY: cron.default("0 5 * * * *"),
  CRON_INBOX: cron.default("*/5 * * * * *"),
  CRON_DIRECTORY_SYNC: cron.default("0 3 * * *"),
  /** How often channels re-check which staff their contact ways list (shifts, caps, departures). */
  CRON_CHANNEL_ROUTING: cron.default("0 */5 * * * *"),
  /** How often the outbox retries after-commit work (WeChat Pay sends, alerts, notifications). */
  CRON_OUTBOX: cron.default("*/5 * * * * *"),
  /** How often coupon stocks are checked against their alert thresholds (claims also trigger a check). */
  CRON_STOCK_ALERTS: cron.default("0 * * * * *"),
  /** How often pending referrals are checked for qualification (invitee still following after N days). */
  CRON_REFERRALS: cron.default("30 * * * * *"),
});
export type Env = z.infer<typeof EnvSchema>;

/** Settings production cannot run without (sandbox mode generates or derives them). */
export const REQUIRED_OUTSIDE_SANDBOX = [
  "PUBLIC_BASE_URL",
  "DATABASE_URL",
  "SESSION_SECRET",
  "PII_ENCRYPTION_KEY",
  "PII_HASH_KEY",
  "WECOM_CORP_ID",
  "WECOM_AGENT_ID",
  "WECOM_APP_SECRET",
  "WECOM_CONTACT_SECRET",
  "WECOM_DIRECTORY_SECRET",
  "WECOM_CALLBACK_TOKEN",
  "WECOM_CALLBACK_AES_KEY",
  "MINIAPP_APPID",
  "MINIAPP_SECRET",
] as const satisfies readonly (keyof Env)[];

/** WeChat Pay is optional as a whole; once `WECHATPAY_MCHID` is set, these must be too. */
export const WECHATPAY_GROUP = [
  "WECHATPAY_SERIAL_NO",
  "WECHATPAY_PRIVATE_KEY_PATH",
  "WECHATPAY_CERT_PATH",
  "WECHATPAY_APIV3_KEY",
] as const satisfies readonly (keyof Env)[];
