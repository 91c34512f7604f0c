import { EnvSchema, REQUIRED_OUTSIDE_SANDBOX, WECHATPAY_GROUP, type DatabaseSetting, type Env } from "./schema";
import { SANDBOX_SUBSCRIBE_TEMPLATES, type SandboxSecrets } from "./sandbox";

export interface WechatPaySettings {
  mchid: string;
  serialNo: string;
  privateKeyPath: string;
  certPath: string;
  apiV3Key: string;
  /** How WeChat Pay's signatures are verified: a platform certificate or a WeChat Pay public key. */
  verifier: { kind: "platformCert"; certPath: string } | { kind: "publicKey"; keyPath: string; keyId: string };
  apiBase: string;
  timeoutMs: number;
  /**
   * Sandbox only: the private half of the generated WeChat Pay public key, with which the simulator
   * signs as WeChat Pay. Absent once a real key or certificate is configured: nobody can sign for those.
   */
  sandboxPlatformKeyPath?: string;
}

/** The typed configuration every module receives. Secrets live here and nowhere in logs. */
export interface Config {
  port: number;
  host: string;
  publicBaseUrl: string;
  database: DatabaseSetting;
  databasePoolSize: number;
  sandbox: boolean;
  timezone: string;
  logLevel: Env["LOG_LEVEL"];
  instanceId: string | undefined;
  dataDir: string;
  session: { secret: string; ttlHours: number };
  pii: { encryptionKey: string; hashKey: string };
  wecom: {
    corpId: string;
    agentId: number;
    appSecret: string;
    contactSecret: string;
    directorySecret: string;
    callbackToken: string;
    callbackAesKey: string;
    apiBase: string;
    /** Calls per API a minute this instance makes at most. */
    apiPerMinute: number;
  };
  /** WeCom userids made managers at every directory sync, for a first deployment. */
  directory: { initialManagerUserIds: string[] };
  miniapp: {
    appId: string;
    secret: string;
    apiBase: string;
    /** Subscribe message templates by our key (`service_reminder`) → the platform's template id; none configured is `{}`. */
    subscribeTemplates: Readonly<Record<string, string>>;
  };
  wechatpay: WechatPaySettings | undefined;
  workday: { start: string; end: string };
  followups: { quietStart: string; quietEnd: string; dailyCap: number; concurrency: number };
  /** Business time at start, when set (load tests, demos). */
  businessTimeAtStart: Date | undefined;
  cron: { followups: string; inactivity: string; inbox: string; directorySync: string; channelRouting: string; outbox: string; stockAlerts: string; referrals: string };
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** The embedded default database, inside `DATA_DIR`. */
export const DEFAULT_SQLITE_FILE = "scrm.sqlite";

/**
 * Reads the configuration from an environment. Problems name the variable and never echo its
 * value (it may be a secret). In sandbox mode, missing secrets come from `sandboxSecrets`; an
 * explicit setting always wins.
 */
export function parseConfig(raw: NodeJS.ProcessEnv, sandboxSecrets?: SandboxSecrets): ConfigResult {
  // An empty value (`KEY=` in .env) means "not set", so the example file can be copied as is.
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`),
    };
  }
  const env = parsed.data;
  const problems: string[] = [];
  if (env.SANDBOX && env.DATABASE_URL?.kind === "mysql" && !env.ALLOW_SANDBOX_ON_MYSQL) {
    problems.push("SANDBOX: sandbox mode on a mysql:// DATABASE_URL is refused (set ALLOW_SANDBOX_ON_MYSQL=1 to allow)");
  }
  if (!env.SANDBOX) {
    for (const name of REQUIRED_OUTSIDE_SANDBOX) if (env[name] === undefined) problems.push(`${name}: required when SANDBOX=0`);
    if (env.WECHATPAY_MCHID !== undefined) {
      for (const name of WECHATPAY_GROUP) if (env[name] === undefined) problems.push(`${name}: required when WECHATPAY_MCHID is set`);
      if (!env.WECHATPAY_PLATFORM_CERT_PATH && !(env.WECHATPAY_PUBLIC_KEY_PATH && env.WECHATPAY_PUBLIC_KEY_ID)) {
        problems.push(
          "WECHATPAY_PLATFORM_CERT_PATH: set it, or WECHATPAY_PUBLIC_KEY_PATH with WECHATPAY_PUBLIC_KEY_ID, to verify WeChat Pay",
        );
      }
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, config: assemble(env, env.SANDBOX ? sandboxSecrets : undefined) };
}

function assemble(env: Env, dev: SandboxSecrets | undefined): Config {
  const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.PORT}`;
  // `!` below: parseConfig has checked these exist outside sandbox, and sandbox supplies them.
  const pick = <K extends keyof SandboxSecrets & keyof Env>(k: K) => (env[k] ?? dev?.[k]) as NonNullable<Env[K]>;
  const sandboxBase = (name: string) => (dev ? `${publicBaseUrl}/sandbox/${name}` : undefined);
  return {
    port: env.PORT,
    host: env.HOST,
    publicBaseUrl,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    database: env.DATABASE_URL ?? { kind: "sqlite", path: `${env.DATA_DIR}/${DEFAULT_SQLITE_FILE}` },
    sandbox: env.SANDBOX,
    timezone: env.TZ,
    logLevel: env.LOG_LEVEL,
    instanceId: env.INSTANCE_ID,
    dataDir: env.DATA_DIR,
    session: { secret: pick("SESSION_SECRET"), ttlHours: env.SESSION_TTL_HOURS },
    pii: { encryptionKey: pick("PII_ENCRYPTION_KEY"), hashKey: pick("PII_HASH_KEY") },
    wecom: {
      corpId: pick("WECOM_CORP_ID"),
      agentId: pick("WECOM_AGENT_ID"),
      appSecret: pick("WECOM_APP_SECRET"),
      contactSecret: pick("WECOM_CONTACT_SECRET"),
      directorySecret: pick("WECOM_DIRECTORY_SECRET"),
      callbackToken: pick("WECOM_CALLBACK_TOKEN"),
      callbackAesKey: pick("WECOM_CALLBACK_AES_KEY"),
      apiBase: env.WECOM_API_BASE ?? sandboxBase("wecom") ?? "https://qyapi.weixin.qq.com",
      apiPerMinute: env.WECOM_API_PER_MINUTE,
    },
    directory: { initialManagerUserIds: env.INITIAL_MANAGER_USERIDS ?? dev?.INITIAL_MANAGER_USERIDS ?? [] },
    miniapp: {
      appId: pick("MINIAPP_APPID"),
      secret: pick("MINIAPP_SECRET"),
      apiBase: env.MINIAPP_API_BASE ?? sandboxBase("miniapp") ?? "https://api.weixin.qq.com",
      subscribeTemplates: env.MINIAPP_SUBSCRIBE_TEMPLATES ?? (dev ? SANDBOX_SUBSCRIBE_TEMPLATES : {}),
    },
    wechatpay: wechatpaySettings(env, dev, sandboxBase("wechatpay")),
    workday: { start: env.WORKDAY_START, end: env.WORKDAY_END },
    followups: { quietStart: env.QUIET_HOURS_START, quietEnd: env.QUIET_HOURS_END, dailyCap: env.FOLLOWUP_DAILY_CAP, concurrency: env.FOLLOWUP_CONCURRENCY },
    businessTimeAtStart: env.BUSINESS_TIME_AT_START ? new Date(env.BUSINESS_TIME_AT_START) : undefined,
    cron: {
      followups: env.CRON_FOLLOWUPS,
      inactivity: env.CRON_INACTIVITY,
      inbox: env.CRON_INBOX,
      directorySync: env.CRON_DIRECTORY_SYNC,
      channelRouting: env.CRON_CHANNEL_ROUTING,
      outbox: env.CRON_OUTBOX,
      stockAlerts: env.CRON_STOCK_ALERTS,
      referrals: env.CRON_REFERRALS,
    },
  };
}

function wechatpaySettings(env: Env, dev: SandboxSecrets | undefined, sandboxBase: string | undefined): WechatPaySettings | undefined {
  const mchid = env.WECHATPAY_MCHID ?? dev?.WECHATPAY_MCHID;
  if (mchid === undefined) return undefined;
  const v = <K extends keyof SandboxSecrets & keyof Env>(k: K) => (env[k] ?? dev?.[k]) as NonNullable<Env[K]>;
  const platformCert = env.WECHATPAY_PLATFORM_CERT_PATH;
  const verifier: WechatPaySettings["verifier"] = platformCert
    ? { kind: "platformCert", certPath: platformCert }
    : { kind: "publicKey", keyPath: v("WECHATPAY_PUBLIC_KEY_PATH"), keyId: v("WECHATPAY_PUBLIC_KEY_ID") };
  return {
    mchid,
    serialNo: v("WECHATPAY_SERIAL_NO"),
    privateKeyPath: v("WECHATPAY_PRIVATE_KEY_PATH"),
    certPath: v("WECHATPAY_CERT_PATH"),
    apiV3Key: v("WECHATPAY_APIV3_KEY"),
    verifier,
    apiBase: env.WECHATPAY_API_BASE ?? sandboxBase ?? "https://api.mch.weixin.qq.com",
    timeoutMs: env.WECHATPAY_TIMEOUT_MS,
    ...(dev && !env.WECHATPAY_PUBLIC_KEY_PATH && !platformCert ? { sandboxPlatformKeyPath: dev.WECHATPAY_SANDBOX_PLATFORM_PRIVATE_KEY_PATH } : {}),
  };
}
