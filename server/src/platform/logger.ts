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
  // Buffered, asynchronous writes: a synchronous write per request line costs a third of the
  // throughput. `flushLogs` runs at shutdown so the last lines are not lost.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false, minLength: 4096 }));
}

/**
 * A logger for the per-request access line, writing to the same stream without redaction:
 * redaction's wildcard paths cost more than the rest of a request, and the access line carries
 * only fields we choose (request id, method, path without query, status, duration).
 */
export function accessLogger(logger: Logger): Logger {
  const stream = (logger as unknown as Record<symbol, pino.DestinationStream>)[pino.symbols.streamSym];
  return pino({ level: logger.level, base: logger.bindings(), timestamp: pino.stdTimeFunctions.isoTime }, stream);
}

export const flushLogs = (logger: Logger): Promise<void> =>
  new Promise((resolve) => logger.flush(() => resolve()));
export type { Logger };
