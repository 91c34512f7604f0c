import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { parseConfig, wantsSandbox, type Config } from "@scrm/config";
import { ensureSandboxSecrets } from "./sandbox/secrets";

/** The environment, under which an optional `.env` file fills what is not already set. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env, dotenvPath = ".env"): NodeJS.ProcessEnv {
  if (!existsSync(dotenvPath)) return env;
  return { ...parseEnv(readFileSync(dotenvPath, "utf8")), ...env };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.join("\n")}`);
  }
}

/** Reads and validates the configuration once; sandbox mode fills secrets from `data/`. */
export async function loadConfig(env: NodeJS.ProcessEnv = readEnvironment()): Promise<Config> {
  const secrets = wantsSandbox(env) ? await ensureSandboxSecrets(env.DATA_DIR ?? "data") : undefined;
  const result = parseConfig(env, secrets);
  if (!result.ok) throw new ConfigError(result.problems);
  return result.config;
}
