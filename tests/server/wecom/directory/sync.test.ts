import request from "supertest";
import { DEMO } from "../../../../server/src/sandbox/wecom";
import { syncDirectory } from "../../../../server/src/wecom/directory/sync";
import { directorySyncJob } from "../../../../server/src/wecom/directory/syncJob";
import { Department } from "../../../../server/src/wecom/directory/department.entity";
import { Staff } from "../../../../server/src/wecom/directory/staff.entity";
import { bearer, signInWithWecom, startAppWithWecom, type AppWithWecom } from "../../../helpers/appWithWecom";
import { waitFor } from "../../../helpers/waitFor";

let corp: AppWithWecom;
beforeAll(async () => {
  corp = await startAppWithWecom();
});
afterAll(() => corp.close());

const staffRow = (userid: string) => corp.app.deps.db.manager.findOneByOrFail(Staff, { userid });

test("a sync brings the demo corp's departments and staff into our tables", async () => {
  const report = await syncDirectory(corp.app.deps);
  expect(report).toEqual({ departments: 3, members: 7, deactivated: 0, promoted: [] });

  const departments = await corp.app.deps.db.manager.find(Department, { order: { id: "ASC" } });
  expect(departments.map(({ id, name, parentId }) => ({ id, name, parentId }))).toEqual([
    { id: DEMO.rootDepartment, name: "演示科技有限公司", parentId: 0 },
    { id: DEMO.sales1, name: "销售一部", parentId: 1 },
    { id: DEMO.sales2, name: "销售二部", parentId: 1 },
  ]);
  expect(departments[0].order).toBe(100000000);

  const staff = await corp.app.deps.db.manager.find(Staff);
  expect(staff.map((s) => s.userid).sort()).toEqual([DEMO.manager, ...DEMO.staff].sort());
  expect(staff.every((s) => s.status === "active")).toBe(true);
  // Sandbox mode makes the demo corp's manager a manager (INITIAL_MANAGER_USERIDS's sandbox default).
  expect(staff.filter((s) => s.role === "manager").map((s) => s.userid)).toEqual([DEMO.manager]);
  expect(await staffRow("WangFang")).toMatchObject({ name: "王芳", departmentIds: [DEMO.sales1], mainDepartment: DEMO.sales1, position: "销售顾问" });
});

test("syncing again changes nothing", async () => {
  const before = await corp.app.deps.db.manager.find(Staff, { order: { userid: "ASC" } });
  expect(await syncDirectory(corp.app.deps)).toMatchObject({ members: 7, deactivated: 0 });
  const after = await corp.app.deps.db.manager.find(Staff, { order: { userid: "ASC" } });
  expect(after.map(({ syncedAt, appliedChangeAt, ...rest }) => rest)).toEqual(before.map(({ syncedAt, appliedChangeAt, ...rest }) => rest));
});

test("a member who left WeCom, or was disabled, is inactive after the sync, kept, and signed out", async () => {
  const session = await signInWithWecom(corp, "ZhaoMin");
  await corp.wecom.simulator.staffLeaves({ userId: "ZhaoMin" });
  await corp.wecom.simulator.staffUpdated({ userId: "YangLei", status: 2 });

  expect(await syncDirectory(corp.app.deps)).toMatchObject({ members: 6, deactivated: 2 });
  expect(await staffRow("ZhaoMin")).toMatchObject({ status: "inactive", name: "赵敏", role: "staff" });
  expect(await staffRow("YangLei")).toMatchObject({ status: "inactive" });
  expect(await corp.app.deps.db.manager.countBy(Staff, { status: "active" })).toBe(5);
  expect((await request(corp.app.url).get("/api/me").set(bearer(session))).status).toBe(401);
});

test("a department WeCom no longer lists is removed", async () => {
  const { departments } = corp.wecom.simulator.state;
  departments.push({ id: 9, name: "临时项目组", name_en: "", parentid: 1, order: 1, department_leader: [] });
  await syncDirectory(corp.app.deps);
  expect(await corp.app.deps.db.manager.existsBy(Department, { id: 9 })).toBe(true);
  departments.pop();
  await syncDirectory(corp.app.deps);
  expect(await corp.app.deps.db.manager.existsBy(Department, { id: 9 })).toBe(false);
});

describe("with INITIAL_MANAGER_USERIDS", () => {
  let withSetting: AppWithWecom;
  beforeAll(async () => {
    withSetting = await startAppWithWecom({ INITIAL_MANAGER_USERIDS: `${DEMO.manager}, NotYetJoined` });
  });
  afterAll(() => withSetting.close());

  test("the listed staff are managers after a sync, the others staff", async () => {
    await syncDirectory(withSetting.app.deps);
    const managers = await withSetting.app.deps.db.manager.findBy(Staff, { role: "manager" });
    expect(managers.map((s) => s.userid)).toEqual([DEMO.manager]);
    const session = await signInWithWecom(withSetting, DEMO.manager);
    expect(session.user).toEqual({ id: DEMO.manager, role: "manager", name: "张伟" });
  });

  test("a listed member who joins later is a manager from the first sync that sees them", async () => {
    await withSetting.wecom.simulator.staffJoins({ userId: "NotYetJoined", name: "新经理", department: [DEMO.rootDepartment] });
    expect(await syncDirectory(withSetting.app.deps)).toMatchObject({ members: 8 });
    expect(await withSetting.app.deps.db.manager.findOneByOrFail(Staff, { userid: "NotYetJoined" })).toMatchObject({ role: "manager" });
  });
});

describe("the sync job", () => {
  let fresh: AppWithWecom;
  afterEach(() => fresh.close());
  const activeStaff = () => fresh.app.deps.db.manager.countBy(Staff, { status: "active" });

  test("the server syncs the directory in the background when it starts", async () => {
    fresh = await startAppWithWecom({}, { schedule: true });
    await waitFor(async () => (await activeStaff()) === 7, 10_000);
  });

  test("a failed sync is logged, never thrown, and retried until one succeeds", async () => {
    fresh = await startAppWithWecom();
    // As many busy answers as the client tries a call: the first sync fails.
    fresh.wecom.simulator.injectApiFault({ errcode: -1, count: 4, path: "/cgi-bin/department/list" });
    const job = directorySyncJob(fresh.app.deps, { firstMs: 50, maxMs: 50 });
    try {
      await job.run();
      expect(await activeStaff()).toBe(0);
      await waitFor(async () => (await activeStaff()) === 7, 10_000);
    } finally {
      await job.stop();
    }
  });
});
