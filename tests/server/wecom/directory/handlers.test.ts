import request from "supertest";
import { DEMO } from "../../../../server/src/sandbox/wecom";
import type { EventFields } from "../../../../server/src/sandbox/wecom";
import { syncDirectory } from "../../../../server/src/wecom/directory/sync";
import { Department } from "../../../../server/src/wecom/directory/department.entity";
import { Staff } from "../../../../server/src/wecom/directory/staff.entity";
import { InboxEventRow } from "../../../../server/src/wecom/inbox/inboxEvent.entity";
import { bearer, signInWithWecom, startAppWithWecom, type AppWithWecom } from "../../../helpers/appWithWecom";

let corp: AppWithWecom;
beforeAll(async () => {
  corp = await startAppWithWecom();
  await syncDirectory(corp.app.deps);
});
afterAll(() => corp.close());

const staffRow = (userid: string) => corp.app.deps.db.manager.findOneBy(Staff, { userid });
const nowS = () => Math.floor(Date.now() / 1000);

/** Runs the inbox as the server's worker does, and checks every stored event was handled. */
async function handleStoredEvents(): Promise<void> {
  await corp.app.deps.inboxWorker.tick();
  const unhandled = await corp.app.deps.db.manager.find(InboxEventRow, { where: { state: "pending" } });
  expect(unhandled.map((e) => e.lastError)).toEqual([]);
}

/** A `change_contact` event signed by the simulator with a CreateTime of our choosing, delivered to our callback route. */
async function deliver(fields: EventFields): Promise<void> {
  const signed = corp.wecom.simulator.signedCallback({ Event: "change_contact", ...fields });
  const res = await request(corp.app.url).post("/wecom/callback").query(signed.query).set("Content-Type", "text/xml").send(signed.body);
  expect(res.text).toBe("success");
}

test("create_user adds the member who joined", async () => {
  await corp.wecom.simulator.staffJoins({ userId: "SunLi", name: "孙丽", department: [DEMO.sales2], position: "实习顾问" });
  await handleStoredEvents();
  expect(await staffRow("SunLi")).toMatchObject({ name: "孙丽", departmentIds: [DEMO.sales2], mainDepartment: DEMO.sales2, position: "实习顾问", status: "active", role: "staff" });
});

test("update_user reads the member back from WeCom", async () => {
  await corp.wecom.simulator.staffUpdated({ userId: "LiuYang", position: "高级销售顾问", department: [DEMO.sales1, DEMO.sales2], mainDepartment: DEMO.sales2 });
  await handleStoredEvents();
  expect(await staffRow("LiuYang")).toMatchObject({ position: "高级销售顾问", departmentIds: [DEMO.sales1, DEMO.sales2], mainDepartment: DEMO.sales2, status: "active" });
});

test("delete_user makes the member inactive, keeps the row, and ends their sessions", async () => {
  const session = await signInWithWecom(corp, "LiuYang");
  await corp.wecom.simulator.staffLeaves({ userId: "LiuYang" });
  await handleStoredEvents();
  expect(await staffRow("LiuYang")).toMatchObject({ status: "inactive", name: "刘洋" });
  expect((await request(corp.app.url).get("/api/me").set(bearer(session))).status).toBe(401);
});

test("an update older than the deletion already applied is ignored, and a sync does not undo the deletion", async () => {
  // WeCom still lists ChenJing as active, so only the CreateTime order can keep her inactive.
  const deletedAt = nowS() + 2;
  await deliver({ ChangeType: "delete_user", UserID: "ChenJing", CreateTime: deletedAt });
  await handleStoredEvents();
  expect(await staffRow("ChenJing")).toMatchObject({ status: "inactive" });

  const reads = corp.wecom.simulator.calls({ path: "/cgi-bin/user/get" }).length;
  await deliver({ ChangeType: "update_user", UserID: "ChenJing", Position: "销售经理", CreateTime: deletedAt - 1 });
  await handleStoredEvents();
  expect(await staffRow("ChenJing")).toMatchObject({ status: "inactive", position: "销售主管" });
  expect(corp.wecom.simulator.calls({ path: "/cgi-bin/user/get" })).toHaveLength(reads);

  await syncDirectory(corp.app.deps);
  expect(await staffRow("ChenJing")).toMatchObject({ status: "inactive" });
});

test("a changed userid (NewUserID) moves the row with its role", async () => {
  await corp.app.deps.db.transaction((em) => em.update(Staff, { userid: "WangFang" }, { role: "manager" }));
  const { members } = corp.wecom.simulator.state;
  members.set("wangfang.sh", { ...members.get("WangFang")!, userid: "wangfang.sh" });
  members.delete("WangFang");
  await deliver({ ChangeType: "update_user", UserID: "WangFang", NewUserID: "wangfang.sh", CreateTime: nowS() + 1 });
  await handleStoredEvents();
  expect(await staffRow("WangFang")).toBeNull();
  expect(await staffRow("wangfang.sh")).toMatchObject({ name: "王芳", role: "manager", status: "active" });
});

test("department events bring WeCom's current department list", async () => {
  const { departments } = corp.wecom.simulator.state;
  departments.push({ id: 10, name: "直播组", name_en: "", parentid: DEMO.sales1, order: 5, department_leader: [] });
  await deliver({ ChangeType: "create_party", Id: 10, Name: "直播组", ParentId: DEMO.sales1, Order: 5, CreateTime: nowS() });
  await handleStoredEvents();
  expect(await corp.app.deps.db.manager.findOneBy(Department, { id: 10 })).toMatchObject({ name: "直播组", parentId: DEMO.sales1, order: 5 });

  departments.pop();
  await deliver({ ChangeType: "delete_party", Id: 10, CreateTime: nowS() });
  await handleStoredEvents();
  expect(await corp.app.deps.db.manager.existsBy(Department, { id: 10 })).toBe(false);
});
