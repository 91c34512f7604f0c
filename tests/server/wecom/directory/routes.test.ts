import request from "supertest";
import type { SessionResponse } from "@scrm/shared";
import { DEMO } from "../../../../server/src/sandbox/wecom";
import { syncDirectory } from "../../../../server/src/wecom/directory/sync";
import { Staff } from "../../../../server/src/wecom/directory/staff.entity";
import { bearer, signInWithWecom, startAppWithWecom, type AppWithWecom } from "../../../helpers/appWithWecom";

let corp: AppWithWecom;
let manager: SessionResponse;
beforeAll(async () => {
  corp = await startAppWithWecom({ INITIAL_MANAGER_USERIDS: DEMO.manager });
  await syncDirectory(corp.app.deps);
  manager = await signInWithWecom(corp, DEMO.manager);
});
afterAll(() => corp.close());

const setRole = (session: SessionResponse, userid: string, role: string) =>
  request(corp.app.url).post(`/api/admin/staff/${userid}/role`).set(bearer(session)).send({ role });

test("a manager lists the staff directory with its departments", async () => {
  const res = await request(corp.app.url).get("/api/admin/staff").set(bearer(manager));
  expect(res.status).toBe(200);
  expect(res.body.staff).toHaveLength(7);
  expect(res.body.staff.find((s: { userid: string }) => s.userid === "LiNa")).toEqual({
    userid: "LiNa",
    name: "李娜",
    departmentIds: [DEMO.sales1],
    mainDepartment: DEMO.sales1,
    position: "销售主管",
    status: "active",
    role: "staff",
    syncedAt: expect.any(String),
  });
  expect(res.body.departments.map((d: { name: string }) => d.name)).toEqual(["演示科技有限公司", "销售一部", "销售二部"]);
});

test("staff may not list the directory or change roles; no session is a 401", async () => {
  const staff = await signInWithWecom(corp, "LiuYang");
  expect((await request(corp.app.url).get("/api/admin/staff").set(bearer(staff))).status).toBe(403);
  const res = await setRole(staff, "LiuYang", "manager");
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe("forbidden");
  expect((await request(corp.app.url).get("/api/admin/staff")).status).toBe(401);
});

test("the last active manager cannot be demoted, not even by themselves", async () => {
  const res = await setRole(manager, DEMO.manager, "staff");
  expect(res.status).toBe(409);
  expect(res.body.error.code).toBe("last_manager");
});

test("a manager promotes a member, whose next sign-in carries the new role; then either may step down", async () => {
  const before = await signInWithWecom(corp, "LiNa");
  const promoted = await setRole(manager, "LiNa", "manager");
  expect(promoted.status).toBe(200);
  expect(promoted.body.staff).toMatchObject({ userid: "LiNa", role: "manager" });
  // Sessions carry the role they were issued with: the old one ends.
  expect((await request(corp.app.url).get("/api/me").set(bearer(before))).status).toBe(401);
  const lina = await signInWithWecom(corp, "LiNa");
  expect(lina.user.role).toBe("manager");

  expect((await setRole(lina, DEMO.manager, "staff")).status).toBe(200);
  expect((await setRole(lina, "LiNa", "staff")).body.error.code).toBe("last_manager");
});

test("an unknown member is a 404 and an unknown role a 422", async () => {
  const lina = await signInWithWecom(corp, "LiNa");
  expect((await setRole(lina, "Nobody", "manager")).status).toBe(404);
  const bad = await setRole(lina, "LiuYang", "owner");
  expect(bad.status).toBe(422);
  expect(bad.body.error.details[0].path).toBe("role");
});

test("two managers demoting each other at once leave one manager", async () => {
  const [a, b] = ["LiuYang", "YangLei"];
  const first = await signInWithWecom(corp, "LiNa");
  for (const userid of [a, b]) expect((await setRole(first, userid, "manager")).status).toBe(200);
  expect((await setRole(first, "LiNa", "staff")).status).toBe(200);
  const [sessionA, sessionB] = [await signInWithWecom(corp, a), await signInWithWecom(corp, b)];

  const answers = await Promise.all([setRole(sessionA, b, "staff"), setRole(sessionB, a, "staff")]);
  expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
  const managers = await corp.app.deps.db.manager.findBy(Staff, { role: "manager", status: "active" });
  expect(managers).toHaveLength(1);
});
