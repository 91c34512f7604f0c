import { DEMO, type RunningSimulator } from "../../../../server/src/sandbox/wecom";
import { TEST_CORP, postAction, startTestSimulator, tokenFor, wecomCall } from "../../../helpers/wecomSimulator";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.stop());

test("the demo corp: a manager and six staff in 销售一部 and 销售二部", async () => {
  const token = await tokenFor(sim.url, "directory");
  const departments = await wecomCall(sim.url, "/cgi-bin/department/list", { query: { access_token: token } });
  expect((departments.department as { name: string }[]).map((d) => d.name)).toEqual(["演示科技有限公司", "销售一部", "销售二部"]);
  const sales1 = await wecomCall(sim.url, "/cgi-bin/department/list", { query: { access_token: token, id: String(DEMO.sales1) } });
  expect(sales1.department).toHaveLength(1);
  expect((await wecomCall(sim.url, "/cgi-bin/department/list", { query: { access_token: token, id: "99" } })).errcode).toBe(60123);
  const user = await wecomCall(sim.url, "/cgi-bin/user/get", { query: { access_token: token, userid: DEMO.manager } });
  expect(user).toMatchObject({ errcode: 0, userid: DEMO.manager, name: "张伟", department: [1], main_department: 1, status: 1 });
  expect((await wecomCall(sim.url, "/cgi-bin/user/get", { query: { access_token: token, userid: "Nobody" } })).errcode).toBe(60111);
});

test("user/list_id pages through every member with a cursor", async () => {
  const token = await tokenFor(sim.url, "directory");
  const seen: string[] = [];
  let cursor = "";
  do {
    const page = await wecomCall(sim.url, "/cgi-bin/user/list_id", { query: { access_token: token }, body: { cursor, limit: 3 } });
    expect(page.errcode).toBe(0);
    seen.push(...(page.dept_user as { userid: string }[]).map((u) => u.userid));
    cursor = page.next_cursor as string;
  } while (cursor);
  expect(seen.sort()).toEqual([DEMO.manager, ...DEMO.staff].sort());
});

test("jscode2session takes the app token and a single-use code from wx.qy.login", async () => {
  const token = await tokenFor(sim.url, "app");
  const code = sim.simulator.issueLoginCode("LiNa");
  const query = { access_token: token, js_code: code, grant_type: "authorization_code" };
  const session = await wecomCall(sim.url, "/cgi-bin/miniprogram/jscode2session", { query });
  expect(session).toMatchObject({ errcode: 0, corpid: TEST_CORP.corpId, userid: "LiNa", session_key: expect.any(String) });
  expect((await wecomCall(sim.url, "/cgi-bin/miniprogram/jscode2session", { query })).errcode).toBe(40029);
  const contactToken = await tokenFor(sim.url, "contact");
  const wrongSecret = { ...query, access_token: contactToken, js_code: sim.simulator.issueLoginCode("LiNa") };
  expect((await wecomCall(sim.url, "/cgi-bin/miniprogram/jscode2session", { query: wrongSecret })).errcode).toBe(48002);
});

test("auth/getuserinfo answers the member of a single-use OAuth code, issued over HTTP", async () => {
  const token = await tokenFor(sim.url, "app");
  const { body: issued } = await postAction<{ code: string }>(sim.url, "issueOAuthCode", { userId: "ChenJing" });
  const first = await wecomCall(sim.url, "/cgi-bin/auth/getuserinfo", { query: { access_token: token, code: issued.code } });
  expect(first).toMatchObject({ errcode: 0, userid: "ChenJing" });
  expect((await wecomCall(sim.url, "/cgi-bin/auth/getuserinfo", { query: { access_token: token, code: issued.code } })).errcode).toBe(40029);
});

test("externalcontact/get shows a customer with its followers, tags and channel state", async () => {
  const token = await tokenFor(sim.url, "contact");
  const { fields } = await sim.simulator.customerAddsStaff({ userId: "LiuYang", state: "expo2026", name: "展会客户" });
  const tagId = sim.simulator.tags()[0].tag[0].id;
  const marked = await wecomCall(sim.url, "/cgi-bin/externalcontact/mark_tag", {
    query: { access_token: token },
    body: { userid: "LiuYang", external_userid: fields.ExternalUserID, add_tag: [tagId] },
  });
  expect(marked.errcode).toBe(0);
  const detail = await wecomCall(sim.url, "/cgi-bin/externalcontact/get", { query: { access_token: token, external_userid: fields.ExternalUserID as string } });
  expect(detail.external_contact).toMatchObject({ external_userid: fields.ExternalUserID, name: "展会客户", type: 1 });
  expect(detail.follow_user).toEqual([expect.objectContaining({ userid: "LiuYang", state: "expo2026", tags: [expect.objectContaining({ tag_id: tagId, tag_name: "A类" })] })]);
  expect((await wecomCall(sim.url, "/cgi-bin/externalcontact/get", { query: { access_token: token, external_userid: "wmNobody" } })).errcode).toBe(40096);
});
