import { DEMO, WELCOME_CODE_INVALID, type RunningSimulator } from "../../../../server/src/sandbox/wecom";
import { inspect, manualClock, startTestSimulator, tokenFor, wecomCall } from "../../../helpers/wecomSimulator";

const clock = manualClock();
let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  sim = await startTestSimulator({ now: clock.now });
  token = await tokenFor(sim.url, "contact");
});
afterAll(() => sim.stop());

const welcome = (body: Record<string, unknown>) =>
  wecomCall(sim.url, "/cgi-bin/externalcontact/send_welcome_msg", { query: { access_token: token }, body: { text: { content: "欢迎！" }, ...body } });
const newCode = async () => (await sim.simulator.customerAddsStaff({ userId: "WangFang", name: "新朋友" })).fields.WelcomeCode as string;

test("the add event carries a fresh WelcomeCode that works once; the second use is 41051", async () => {
  const code = await newCode();
  expect(code).toMatch(/^[\w-]{20,}$/);
  expect((await welcome({ welcome_code: code })).errcode).toBe(0);
  const again = await welcome({ welcome_code: code });
  expect(again.errcode).toBe(41051);
  expect(again.errmsg).toMatch(/^externaluser has started chatting/);
});

test("a code works for 20 seconds of real time; after that, and for an unknown code, the chosen errcode", async () => {
  const onTime = await newCode();
  clock.advance(20_000);
  expect((await welcome({ welcome_code: onTime })).errcode).toBe(0);
  const late = await newCode();
  clock.advance(20_001);
  expect((await welcome({ welcome_code: late })).errcode).toBe(WELCOME_CODE_INVALID);
  expect((await welcome({ welcome_code: "never-issued" })).errcode).toBe(WELCOME_CODE_INVALID);
  expect(WELCOME_CODE_INVALID).not.toBe(41051);
});

test("at most 9 attachments; a refused message leaves the code usable", async () => {
  const code = await newCode();
  const link = { msgtype: "link", link: { title: "优惠券", url: "https://example.com/c" } };
  expect((await welcome({ welcome_code: code, attachments: Array(10).fill(link) })).errcode).toBe(40058);
  expect((await welcome({ welcome_code: code, attachments: [{ msgtype: "image", image: { media_id: "unknown" } }] })).errcode).toBe(40007);
  expect((await welcome({ welcome_code: code, text: undefined })).errcode).toBe(44004);
  expect((await welcome({ welcome_code: code, attachments: Array(9).fill(link) })).errcode).toBe(0);
});

test("every accepted welcome is recorded with its receipt time and the code's age", async () => {
  const start = clock.now();
  const receipt = await sim.simulator.customerAddsStaff({ userId: "LiNa", externalUserId: DEMO.customers[0] });
  clock.advance(1500);
  await welcome({ welcome_code: receipt.fields.WelcomeCode });
  const recorded = sim.simulator.welcomes().at(-1)!;
  expect(recorded).toMatchObject({
    userid: "LiNa",
    external_userid: DEMO.customers[0],
    text: { content: "欢迎！" },
    receivedAtMs: start + 1500,
    codeAgeMs: 1500,
  });
  expect(await inspect<unknown[]>(sim.url, "welcomes")).toHaveLength(sim.simulator.welcomes().length);
});

test("no WelcomeCode when the admin console already has a welcome for the member", async () => {
  const receipt = await sim.simulator.customerAddsStaff({ userId: "YangLei", noWelcomeCode: true });
  expect(receipt.fields).not.toHaveProperty("WelcomeCode");
});
