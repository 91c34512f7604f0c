import { DEMO, type RunningSimulator } from "../../../../server/src/sandbox/wecom";
import type { Database } from "../../../../server/src/db/database";
import { WELCOME_CODE_USED, type WecomClient } from "../../../../server/src/wecom/api";
import { openTestDatabase } from "../../../helpers/database";
import { TEST_CORP, startTestSimulator, testWecomClient } from "../../../helpers/wecomSimulator";

let sim: RunningSimulator;
let db: Database;
let closeDb: () => Promise<void>;
let wecom: WecomClient;
beforeAll(async () => {
  ({ db, close: closeDb } = await openTestDatabase());
  sim = await startTestSimulator();
  wecom = testWecomClient(db, sim.url);
});
afterAll(async () => {
  await sim.stop();
  await closeDb();
});

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4ea0000000049454e44ae426082", "hex");

test("contact ways: add, get, update, list, remove", async () => {
  const way = await wecom.contactWays.add({ type: 2, scene: 2, user: ["LiNa", "WangFang"], state: "expo2026", remark: "展会" });
  expect(way.qr_code).toMatch(/^https:\/\//);
  await wecom.contactWays.update(way.config_id, { state: "expo2026-b" });
  expect(await wecom.contactWays.get(way.config_id)).toMatchObject({ config_id: way.config_id, type: 2, state: "expo2026-b", user: ["LiNa", "WangFang"] });
  expect((await wecom.contactWays.list()).contact_way).toContainEqual({ config_id: way.config_id });
  await wecom.contactWays.remove(way.config_id);
  await expect(wecom.contactWays.get(way.config_id)).rejects.toMatchObject({ errcode: 40058 });
  await expect(wecom.contactWays.add({ type: 1, scene: 2, user: ["LiNa"], state: "s".repeat(31) })).rejects.toMatchObject({ errcode: 40058 });
});

test("customers: details after an add, and unionid conversion (customer or pending)", async () => {
  const { fields } = await sim.simulator.customerAddsStaff({ userId: "LiuYang", state: "store-1", name: "门店客户" });
  const detail = await wecom.customers.get(fields.ExternalUserID as string);
  expect(detail.external_contact).toMatchObject({ external_userid: fields.ExternalUserID, name: "门店客户" });
  expect(detail.follow_user).toEqual([expect.objectContaining({ userid: "LiuYang", state: "store-1" })]);
  expect(await wecom.customers.unionidToExternalUserid({ unionid: "oDemoUnion000000000000000001", openid: "oOpenid1" })).toMatchObject({
    external_userid: DEMO.customers[0],
  });
  expect(await wecom.customers.unionidToExternalUserid({ unionid: "oNotACustomerYet", openid: "oOpenid2" })).toMatchObject({ pending_id: expect.any(String) });
});

test("welcome: an uploaded image goes with the text; a second send of the code is 41051", async () => {
  const media = await wecom.media.upload("image", { filename: "coupon.png", contentType: "image/png", data: PNG });
  expect(media).toMatchObject({ type: "image", media_id: expect.any(String), created_at: expect.stringMatching(/^\d+$/) });
  const { fields } = await sim.simulator.customerAddsStaff({ userId: "WangFang" });
  const message = {
    welcome_code: fields.WelcomeCode as string,
    text: { content: "欢迎光临，送你一张券" },
    attachments: [{ msgtype: "image" as const, image: { media_id: media.media_id } }],
  };
  await wecom.customers.sendWelcomeMsg(message);
  await expect(wecom.customers.sendWelcomeMsg(message)).rejects.toMatchObject({ errcode: WELCOME_CODE_USED });
  expect(sim.simulator.welcomes().at(-1)).toMatchObject({ userid: "WangFang", attachments: [{ msgtype: "image" }] });
  await expect(wecom.media.upload("image", { filename: "notes.txt", contentType: "text/plain", data: Buffer.from("hello world") })).rejects.toMatchObject({ errcode: 40004 });
});

test("tags: list, add a group, mark a customer", async () => {
  expect((await wecom.tags.list()).map((g) => g.group_name)).toEqual(["客户等级", "来源渠道"]);
  const group = await wecom.tags.add({ group_name: "活动", tag: [{ name: "双十一" }, { name: "年货节" }] });
  expect(group.tag.map((t) => t.name)).toEqual(["双十一", "年货节"]);
  await wecom.tags.mark({ userid: "WangFang", external_userid: DEMO.customers[0], add_tag: [group.tag[0].id] });
  const detail = await wecom.customers.get(DEMO.customers[0]);
  expect(detail.follow_user[0].tags).toEqual([expect.objectContaining({ tag_id: group.tag[0].id, group_name: "活动" })]);
  await expect(wecom.tags.add({ group_id: group.group_id, tag: [{ name: "双十一" }] })).rejects.toMatchObject({ errcode: 40071 });
});

test("group messages: create, find again by time, read the results", async () => {
  const start = Math.floor(Date.now() / 1000) - 5;
  const { msgid, fail_list } = await wecom.groupMessages.add({ external_userid: [DEMO.customers[1]], sender: "LiuYang", text: { content: "新品到店" } });
  expect(fail_list).toEqual([]);
  const found = await wecom.groupMessages.list({ start_time: start, end_time: start + 60, creator: "LiuYang" });
  expect(found.group_msg_list.map((m) => m.msgid)).toContain(msgid);
  sim.simulator.confirmGroupMessage({ msgid });
  expect((await wecom.groupMessages.sendResult({ msgid, userid: "LiuYang" })).send_list).toEqual([
    expect.objectContaining({ external_userid: DEMO.customers[1], status: 1 }),
  ]);
});

test("app messages always ask for WeCom's duplicate check, so a retried send is delivered once", async () => {
  const message = { msgtype: "text" as const, touser: ["ChenJing"], text: { content: "任务：回访客户" } };
  const first = await wecom.appMessages.send(message);
  await wecom.appMessages.send(message);
  expect(first.msgid).toEqual(expect.any(String));
  expect(sim.simulator.messages().filter((m) => m.userid === "ChenJing")).toHaveLength(1);
  const [call] = sim.simulator.calls({ path: "/cgi-bin/message/send" });
  expect(call.body).toEqual({ msgtype: "text", text: { content: "任务：回访客户" }, touser: "ChenJing", agentid: TEST_CORP.agentId, enable_duplicate_check: 1, duplicate_check_interval: 1800 });
  expect(call.secretKind).toBe("app");
});

test("directory: member ids page by page, a member, the department tree", async () => {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await wecom.directory.listUserIds({ cursor, limit: 4 });
    ids.push(...page.dept_user.map((u) => u.userid));
    cursor = page.next_cursor || undefined;
  } while (cursor);
  expect(ids).toHaveLength(7);
  expect(await wecom.directory.getUser("ChenJing")).toMatchObject({ name: "陈静", department: [DEMO.sales2], position: "销售主管" });
  expect((await wecom.directory.listDepartments(DEMO.rootDepartment)).map((d) => d.name)).toEqual(["演示科技有限公司", "销售一部", "销售二部"]);
});

test("staff login: wx.qy.login code and OAuth code, each once", async () => {
  const session = await wecom.login.code2Session(sim.simulator.issueLoginCode("YangLei"));
  expect(session).toMatchObject({ corpid: TEST_CORP.corpId, userid: "YangLei", session_key: expect.any(String) });
  const code = sim.simulator.issueOAuthCode("ZhaoMin");
  expect(await wecom.login.getUserInfo(code)).toMatchObject({ userid: "ZhaoMin" });
  await expect(wecom.login.getUserInfo(code)).rejects.toMatchObject({ errcode: 40029 });
});
