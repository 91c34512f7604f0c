import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { join } from "node:path";
import { parseConfig, REQUIRED_OUTSIDE_SANDBOX } from "@scrm/config";
import { testSecrets } from "../helpers/app";

const MAIN = join(__dirname, "../../server/dist/main.js");

test("outside sandbox, every missing setting is named", () => {
  const result = parseConfig({ SANDBOX: "0" });
  expect(result.ok).toBe(false);
  const problems = (result as { problems: string[] }).problems;
  for (const name of REQUIRED_OUTSIDE_SANDBOX) expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^${name}: `)));
});

test("a malformed setting is named without echoing its value", () => {
  const result = parseConfig({ SANDBOX: "0", WECOM_CALLBACK_AES_KEY: "tooShortSecretValue", PORT: "http", DATABASE_URL: "postgres://x" });
  const problems = (result as { problems: string[] }).problems.join("\n");
  expect(problems).toMatch(/^WECOM_CALLBACK_AES_KEY: /m);
  expect(problems).toMatch(/^PORT: /m);
  expect(problems).toMatch(/^DATABASE_URL: /m);
  expect(problems).not.toContain("tooShortSecretValue");
});

test("sandbox on a mysql:// database is refused unless explicitly allowed", async () => {
  const secrets = await testSecrets();
  const refused = parseConfig({ SANDBOX: "1", DATABASE_URL: "mysql://root@127.0.0.1/x" }, secrets);
  expect(refused.ok).toBe(false);
  const allowed = parseConfig({ SANDBOX: "1", DATABASE_URL: "mysql://root@127.0.0.1/x", ALLOW_SANDBOX_ON_MYSQL: "1" }, secrets);
  expect(allowed.ok).toBe(true);
});

test("sandbox fills defaults, points the platforms at the simulators, and explicit settings win", async () => {
  const secrets = await testSecrets();
  const result = parseConfig({ SANDBOX: "1", PORT: "4000", WECOM_CORP_ID: "wwexplicit", DATA_DIR: "/tmp/x" }, secrets);
  if (!result.ok) throw new Error(result.problems.join());
  const { config } = result;
  expect(config.publicBaseUrl).toBe("http://127.0.0.1:4000");
  expect(config.database).toEqual({ kind: "sqlite", path: "/tmp/x/scrm.sqlite" });
  expect(config.wecom.corpId).toBe("wwexplicit");
  expect(config.wecom.contactSecret).toBe(secrets.WECOM_CONTACT_SECRET);
  expect(config.wecom.apiBase).toBe("http://127.0.0.1:4000/sandbox/wecom");
  expect(config.miniapp.apiBase).toBe("http://127.0.0.1:4000/sandbox/miniapp");
  expect(config.wechatpay?.apiBase).toBe("http://127.0.0.1:4000/sandbox/wechatpay");
  expect(config.wechatpay?.verifier).toEqual({ kind: "publicKey", keyPath: secrets.WECHATPAY_PUBLIC_KEY_PATH, keyId: secrets.WECHATPAY_PUBLIC_KEY_ID });
  expect(config.timezone).toBe("Asia/Shanghai");
});

test("WeChat Pay is all or nothing outside sandbox", async () => {
  const secrets = Object.fromEntries(Object.entries(await testSecrets()).map(([k, v]) => [k, String(v)]));
  const base: Record<string, string | undefined> = { ...secrets, SANDBOX: "0", DATABASE_URL: "sqlite:/tmp/x.sqlite", PUBLIC_BASE_URL: "https://scrm.example.com" };
  delete base.WECHATPAY_MCHID;
  expect(parseConfig(base)).toMatchObject({ ok: true, config: { wechatpay: undefined } });
  const partial = parseConfig({ ...base, WECHATPAY_MCHID: "1900000109", WECHATPAY_APIV3_KEY: undefined });
  expect(partial.ok).toBe(false);
  expect((partial as { problems: string[] }).problems.join("\n")).toMatch(/^WECHATPAY_APIV3_KEY: required/m);
});

test("the server exits 1 naming a bad setting, and never prints its value", () => {
  expect(existsSync(MAIN)).toBe(true); // built by `npm test` before jest runs
  const run = spawnSync(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, SANDBOX: "0", WECOM_APP_SECRET: "s3cr3t-value-abc", WECOM_CALLBACK_AES_KEY: "nope" },
    encoding: "utf8",
    timeout: 20_000,
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/^config: WECOM_CALLBACK_AES_KEY: /m);
  expect(run.stderr).not.toContain("s3cr3t-value-abc");
  expect(run.stderr).not.toContain("nope");
});

test("an empty value counts as not set, so config/.env.example can be copied as is", () => {
  const example = parseEnv(readFileSync(join(__dirname, "../../config/.env.example"), "utf8"));
  const result = parseConfig({ ...example, SANDBOX: "0" });
  const problems = (result as { problems: string[] }).problems;
  expect(problems).toContainEqual(expect.stringMatching(/^SESSION_SECRET: required/));
  expect(problems.filter((p) => !/: required/.test(p))).toEqual([]);
});
