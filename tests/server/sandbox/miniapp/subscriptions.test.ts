import { ERR, type DeliveredSubscribeMessage, type RunningMiniappSimulator, type SubscriptionGrants } from "../../../../server/src/sandbox/miniapp";
import { TEST_MINIAPP, startTestMiniappSimulator } from "../../../helpers/miniapp";

/** One-time subscribe messages on the wire: grants from the phone's dialog, spent by subscribe/send. */
const REMINDER = "simTestServiceReminder-0000000000000000000";
const EXPIRING = "simTestCouponExpiring-00000000000000000000";
let running: RunningMiniappSimulator;
let accessToken: string;

beforeAll(async () => {
  running = await startTestMiniappSimulator({ subscribeTemplates: [REMINDER, EXPIRING] });
  const token = await postJson("/cgi-bin/stable_token", { grant_type: "client_credential", appid: TEST_MINIAPP.appId, secret: TEST_MINIAPP.secret });
  accessToken = token.access_token as string;
});
afterAll(() => running.stop());

const post = (path: string, body: unknown, query: Record<string, string> = {}) =>
  fetch(`${running.url}${path}?${new URLSearchParams(query)}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const postJson = async (path: string, body: unknown, query: Record<string, string> = {}) => (await (await post(path, body, query)).json()) as Record<string, unknown>;
const inspect = async <T>(what: string) => (await (await fetch(`${running.url}/_inspect/${what}`)).json()) as T;

const newUser = async () => ((await postJson("/_actions/login-code", {})) as { openid: string }).openid;
const subscribe = (body: { openid: string; tmplIds: string[]; reject?: string[] }) => post("/_actions/requestSubscribeMessage", body);
const send = (touser: string, overrides: Record<string, unknown> = {}) =>
  postJson(
    "/cgi-bin/message/subscribe/send",
    { touser, template_id: REMINDER, page: "pages/coupon/index?id=1", data: { thing1: { value: "预约提醒" }, time2: { value: "2026-03-02 10:00" } }, ...overrides },
    { access_token: accessToken },
  );
const deliveredTo = async (openid: string) => (await inspect<DeliveredSubscribeMessage[]>("subscribe-messages")).filter((m) => m.openid === openid);

describe("subscribe/send", () => {
  it("delivers one message per accepted template, then answers 43101", async () => {
    const openid = await newUser();
    const dialog = await subscribe({ openid, tmplIds: [REMINDER, EXPIRING], reject: [EXPIRING] });
    expect(await dialog.json()).toEqual({ errMsg: "requestSubscribeMessage:ok", [REMINDER]: "accept", [EXPIRING]: "reject" });
    expect((await inspect<SubscriptionGrants[]>("subscriptions")).filter((g) => g.openid === openid)).toEqual([{ openid, templateId: REMINDER, remaining: 1 }]);

    expect(await send(openid)).toEqual({ errcode: 0, errmsg: "ok", msgid: expect.any(String) });
    const again = await send(openid);
    expect(again).toMatchObject({ errcode: ERR.SUBSCRIPTION_REFUSED, errmsg: expect.stringMatching(/^user refuse to accept the msg, rid: /) });
    expect(await send(openid, { template_id: EXPIRING })).toMatchObject({ errcode: ERR.SUBSCRIPTION_REFUSED });

    expect(await deliveredTo(openid)).toEqual([
      {
        msgid: expect.any(String),
        atMs: expect.any(Number),
        openid,
        templateId: REMINDER,
        page: "pages/coupon/index?id=1",
        data: { thing1: { value: "预约提醒" }, time2: { value: "2026-03-02 10:00" } },
        miniprogramState: "formal",
      },
    ]);
  });

  it("adds up grants from several dialogs", async () => {
    const openid = await newUser();
    for (let i = 0; i < 2; i++) await subscribe({ openid, tmplIds: [REMINDER] });
    expect((await send(openid)).errcode).toBe(0);
    expect((await send(openid)).errcode).toBe(0);
    expect((await send(openid)).errcode).toBe(ERR.SUBSCRIPTION_REFUSED);
    expect(await deliveredTo(openid)).toHaveLength(2);
  });

  it("refuses a malformed message before spending the grant", async () => {
    const openid = await newUser();
    await subscribe({ openid, tmplIds: [REMINDER] });
    expect(await send("oNobodyInThisMiniProgram0000")).toMatchObject({ errcode: ERR.INVALID_OPENID });
    expect(await send(openid, { template_id: "notAnAddedTemplate" })).toMatchObject({ errcode: ERR.INVALID_TEMPLATE_ID });
    expect(await send(openid, { data: { thing1: { value: "" } } })).toMatchObject({ errcode: ERR.ARGUMENT_INVALID });
    expect(await send(openid, { data: {} })).toMatchObject({ errcode: ERR.ARGUMENT_INVALID });
    expect(await send(openid, { miniprogram_state: "beta" })).toMatchObject({ errcode: ERR.ARGUMENT_INVALID });
    expect(await deliveredTo(openid)).toEqual([]);
    expect((await send(openid)).errcode).toBe(0);
  });

  it("takes an access token, and records the call with it masked", async () => {
    const openid = await newUser();
    await subscribe({ openid, tmplIds: [REMINDER] });
    expect(await postJson("/cgi-bin/message/subscribe/send", { touser: openid, template_id: REMINDER, data: { thing1: { value: "x" } } })).toMatchObject({
      errcode: ERR.MISSING_ACCESS_TOKEN,
    });
    expect(await deliveredTo(openid)).toEqual([]);
    await send(openid);
    const call = running.simulator.calls({ path: "/cgi-bin/message/subscribe/send" }).at(-1)!;
    expect(call).toMatchObject({ errcode: 0, query: { access_token: "[masked]" }, body: { touser: openid, template_id: REMINDER } });
  });
});

describe("the requestSubscribeMessage action", () => {
  it("refuses what the phone's dialog would: unknown users and templates, more than three templates", async () => {
    const openid = await newUser();
    expect((await subscribe({ openid: "oNobodyInThisMiniProgram0000", tmplIds: [REMINDER] })).status).toBe(400);
    expect((await subscribe({ openid, tmplIds: ["notAnAddedTemplate"] })).status).toBe(400);
    expect((await subscribe({ openid, tmplIds: [REMINDER, EXPIRING, REMINDER, EXPIRING] })).status).toBe(400);
    expect((await inspect<SubscriptionGrants[]>("subscriptions")).filter((g) => g.openid === openid)).toEqual([]);
  });
});
