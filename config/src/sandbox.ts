import type { Env } from "./schema";

/** Development defaults that sandbox mode generates once under `data/` and reuses. */
export type SandboxSecrets = Required<
  Pick<
    Env,
    | "SESSION_SECRET"
    | "PII_ENCRYPTION_KEY"
    | "PII_HASH_KEY"
    | "WECOM_CORP_ID"
    | "WECOM_AGENT_ID"
    | "WECOM_APP_SECRET"
    | "WECOM_CONTACT_SECRET"
    | "WECOM_DIRECTORY_SECRET"
    | "WECOM_CALLBACK_TOKEN"
    | "WECOM_CALLBACK_AES_KEY"
    | "MINIAPP_APPID"
    | "MINIAPP_SECRET"
    | "WECHATPAY_MCHID"
    | "WECHATPAY_SERIAL_NO"
    | "WECHATPAY_PRIVATE_KEY_PATH"
    | "WECHATPAY_CERT_PATH"
    | "WECHATPAY_APIV3_KEY"
    | "WECHATPAY_PUBLIC_KEY_PATH"
    | "WECHATPAY_PUBLIC_KEY_ID"
  >
> & {
  /** The simulator's side of WeChat Pay: the private key it signs answers with. */
  WECHATPAY_SANDBOX_PLATFORM_PRIVATE_KEY_PATH: string;
  /** The demo corp's manager (files written before this existed lack it). */
  INITIAL_MANAGER_USERIDS?: string[];
};

/** Whether the raw environment asks for sandbox mode (before full validation). */
export const wantsSandbox = (raw: NodeJS.ProcessEnv): boolean => raw.SANDBOX === "1" || raw.SANDBOX === "true";

/**
 * The sandbox mini-program's subscribe message templates: one-time service notices only (the platform
 * forbids marketing in them). Keys name what a follow-up sends; values are template ids.
 */
export const SANDBOX_SUBSCRIBE_TEMPLATES: Readonly<Record<string, string>> = {
  /** 服务提醒 */
  service_reminder: "sandboxServiceReminder-00000000000000000000",
  /** 优惠券到期提醒 */
  coupon_expiring: "sandboxCouponExpiring-000000000000000000000",
};
