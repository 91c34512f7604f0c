import { parseConfig } from "@scrm/config";
import { testSecrets } from "../helpers/app";
import { DEMO } from "../../server/src/sandbox/wecom";

const parse = async (value?: string) => parseConfig({ SANDBOX: "1", ...(value === undefined ? {} : { INITIAL_MANAGER_USERIDS: value }) }, await testSecrets());

test("INITIAL_MANAGER_USERIDS is a comma-separated list of WeCom userids; unset, sandbox names the demo manager", async () => {
  expect(await parse(" ZhangWei, li.na@corp ,,")).toMatchObject({ ok: true, config: { directory: { initialManagerUserIds: ["ZhangWei", "li.na@corp"] } } });
  expect(await parse("LiNa")).toMatchObject({ ok: true, config: { directory: { initialManagerUserIds: ["LiNa"] } } });
  expect(await parse()).toMatchObject({ ok: true, config: { directory: { initialManagerUserIds: [DEMO.manager] } } });
  expect(await parse("")).toMatchObject({ ok: true, config: { directory: { initialManagerUserIds: [DEMO.manager] } } });
});

test("outside sandbox, no INITIAL_MANAGER_USERIDS means no initial managers", async () => {
  const secrets = Object.fromEntries(Object.entries(await testSecrets()).map(([k, v]) => [k, String(v)]));
  delete secrets.INITIAL_MANAGER_USERIDS;
  const result = parseConfig({ ...secrets, SANDBOX: "0", DATABASE_URL: "sqlite:/tmp/x.sqlite", PUBLIC_BASE_URL: "https://scrm.example.com" });
  expect(result).toMatchObject({ ok: true, config: { directory: { initialManagerUserIds: [] } } });
});

test("a malformed userid is named without echoing it", async () => {
  const result = await parse("ZhangWei,bad id!");
  expect(result.ok).toBe(false);
  const problems = (result as { problems: string[] }).problems.join("\n");
  expect(problems).toMatch(/^INITIAL_MANAGER_USERIDS\.1: must be comma-separated WeCom userids$/m);
  expect(problems).not.toContain("bad id!");
});
