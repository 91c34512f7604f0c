import { parseConfig } from "@scrm/config";
import { testSecrets } from "../helpers/app";

const parse = async (value?: string) => parseConfig({ SANDBOX: "1", ...(value === undefined ? {} : { INITIAL_MANAGER_USERIDS: value }) }, await testSecrets());

test("INITIAL_MANAGER_USERIDS is a comma-separated list of WeCom userids, empty when not set", async () => {
  expect(await parse(" ZhangWei, li.na@corp ,,")).toMatchObject({ ok: true, config: { directory: { initialManagerUserIds: ["ZhangWei", "li.na@corp"] } } });
  expect(await parse()).toMatchObject({ ok: true, config: { directory: { initialManagerUserIds: [] } } });
  expect(await parse("")).toMatchObject({ ok: true, config: { directory: { initialManagerUserIds: [] } } });
});

test("a malformed userid is named without echoing it", async () => {
  const result = await parse("ZhangWei,bad id!");
  expect(result.ok).toBe(false);
  const problems = (result as { problems: string[] }).problems.join("\n");
  expect(problems).toMatch(/^INITIAL_MANAGER_USERIDS\.1: must be comma-separated WeCom userids$/m);
  expect(problems).not.toContain("bad id!");
});
