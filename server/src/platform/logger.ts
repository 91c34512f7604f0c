import pino, { type Logger } from "pino";

/** Keys whose values never reach a log line, wherever they appear (two levels deep). */
const SENSITIVE = [
  "authorization",
  "token",
  "access_token",
  "secret",
  "corpsecret",
  "session_key",
  "sessionKey",
  "phone",
  "mobile",
  "password",
  "apiV3Key",
  "privateKey",
  "encodingAesKey",
];
const REDACT_PATHS = [...SENSITIVE, ...SENSITIVE.map((k) => `*.${k}`), ...SENSITIVE.map((k) => `*.*.${k}`), "headers.authorization", "req.headers.authorization"];

export function createLogger(level: string, base: Record<string, unknown> = {}, destination?: pino.DestinationStream): Logger {
  const options = { level, base, redact: { paths: REDACT_PATHS, censor: "[redacted]" }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}
export type { Logger };
