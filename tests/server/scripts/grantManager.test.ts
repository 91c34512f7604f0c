import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { openDatabase } from "../../../server/src/db/database";
import { applyStaffFacts } from "../../../server/src/wecom/directory/staffRecords";
import { Staff } from "../../../server/src/wecom/directory/staff.entity";
import { createTestDatabase, type TestDatabase } from "../../helpers/database";
import { testSecrets } from "../../helpers/app";

const SCRIPT = join(__dirname, "../../../server/dist/scripts/grantManager.js");

let database: TestDatabase;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  database = await createTestDatabase();
  const db = await openDatabase(database.setting);
  await db.migrate();
  const member = (userid: string, name: string, active: boolean) => ({ userid, name, departmentIds: [1], mainDepartment: 1, position: "", active });
  await applyStaffFacts(db, [member("LiNa", "李娜", true), member("Departed", "离职员工", false)], new Date(), () => "staff");
  await db.close();
  const secrets = Object.fromEntries(Object.entries(await testSecrets()).map(([k, v]) => [k, String(v)]));
  const url = database.setting.kind === "sqlite" ? `sqlite:${database.setting.path}` : database.setting.url;
  env = { ...secrets, PATH: process.env.PATH, SANDBOX: "0", DATABASE_URL: url, PUBLIC_BASE_URL: "https://scrm.example.com" };
});
afterAll(() => database.drop());

const grant = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { env, encoding: "utf8", timeout: 20_000 });

test("makes an active staff member a manager", async () => {
  expect(existsSync(SCRIPT)).toBe(true); // built by `npm test` before jest runs
  const run = grant("LiNa");
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout).toBe("LiNa (李娜) is now a manager\n");
  expect(grant("LiNa").stdout).toMatch(/already a manager/);

  const db = await openDatabase(database.setting);
  try {
    expect(await db.manager.findOneByOrFail(Staff, { userid: "LiNa" })).toMatchObject({ role: "manager" });
  } finally {
    await db.close();
  }
});

test.each([
  [[], /usage: npm run grant-manager -- <WeCom userid>/],
  [["Nobody"], /Nobody is not in the staff directory/],
  [["Departed"], /Departed \(离职员工\) has left or is disabled/],
])("refuses %j with exit code 1 and a reason", (args, reason) => {
  const run = grant(...args);
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(reason);
});
