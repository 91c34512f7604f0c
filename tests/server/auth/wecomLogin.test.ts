import request from "supertest";
import { DEMO } from "../../../server/src/sandbox/wecom";
import { syncDirectory } from "../../../server/src/wecom/directory/sync";
import { startTestApp } from "../../helpers/app";
import { bearer, startAppWithWecom, type AppWithWecom } from "../../helpers/appWithWecom";
import { TEST_CORP } from "../../helpers/wecomSimulator";

let corp: AppWithWecom;
beforeAll(async () => {
  corp = await startAppWithWecom({ INITIAL_MANAGER_USERIDS: DEMO.manager });
  await syncDirectory(corp.app.deps);
});
afterAll(() => corp.close());

const weapp = (code: string) => request(corp.app.url).post("/api/auth/wecom/weapp").send({ code });
const oauth = (code: string) => request(corp.app.url).post("/api/auth/wecom/oauth").send({ code });

test("a staff member signs in from the mini-program with a wx.qy.login code", async () => {
  const res = await weapp(corp.wecom.simulator.issueLoginCode("WangFang"));
  expect(res.status).toBe(201);
  expect(res.body.user).toEqual({ id: "WangFang", role: "staff", name: "王芳" });
  expect(JSON.stringify(res.body)).not.toMatch(/session_key|sessionKey/);
  const me = await request(corp.app.url).get("/api/me").set(bearer(res.body));
  expect(me.body.user).toEqual(res.body.user);
});

test("a manager signs in from the H5 build with a WeCom OAuth code and gets the manager role", async () => {
  const res = await oauth(corp.wecom.simulator.issueOAuthCode(DEMO.manager));
  expect(res.status).toBe(201);
  expect(res.body.user).toEqual({ id: DEMO.manager, role: "manager", name: "张伟" });
});

test.each([
  ["weapp", weapp, (userid: string) => corp.wecom.simulator.issueLoginCode(userid)],
  ["oauth", oauth, (userid: string) => corp.wecom.simulator.issueOAuthCode(userid)],
])("%s: a reused code or a made-up one is a 401 asking to sign in again", async (_, signIn, issue) => {
  const code = issue("YangLei");
  expect((await signIn(code)).status).toBe(201);
  for (const again of [code, "not-a-code-WeCom-issued"]) {
    const res = await signIn(again);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: "login_code_invalid", message: expect.stringMatching(/sign in again/) });
  }
});

test("a member who left is refused with staff_inactive", async () => {
  const code = corp.wecom.simulator.issueLoginCode("ZhaoMin");
  await corp.wecom.simulator.staffLeaves({ userId: "ZhaoMin" });
  await corp.app.deps.inboxWorker.tick();
  const res = await weapp(code);
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe("staff_inactive");
});

test("a member not in our directory yet is refused with staff_unknown", async () => {
  await corp.wecom.simulator.staffJoins({ userId: "Newcomer", name: "新同事", department: [DEMO.sales1] });
  const res = await oauth(corp.wecom.simulator.issueOAuthCode("Newcomer"));
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe("staff_unknown");
});

test("a missing code is a 422", async () => {
  const res = await request(corp.app.url).post("/api/auth/wecom/weapp").send({});
  expect(res.status).toBe(422);
  expect(res.body.error.details[0].path).toBe("code");
});

test("WeCom out of reach is a 502, not a 500", async () => {
  const app = await startTestApp({ SANDBOX: "0", WECOM_API_BASE: "http://127.0.0.1:9", WECOM_CORP_ID: TEST_CORP.corpId });
  try {
    const res = await request(app.url).post("/api/auth/wecom/oauth").send({ code: "whatever" });
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe("upstream_error");
  } finally {
    await app.close();
  }
});
