import type { RunningSimulator } from "../../../../server/src/sandbox/wecom";
import { TEST_CORP, manualClock, startTestSimulator, tokenFor, wecomCall } from "../../../helpers/wecomSimulator";

const clock = manualClock();
let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  sim = await startTestSimulator({ now: clock.now });
  token = await tokenFor(sim.url, "app");
});
afterAll(() => sim.stop());

const send = (body: Record<string, unknown>) =>
  wecomCall(sim.url, "/cgi-bin/message/send", {
    query: { access_token: token },
    body: { touser: "WangFang", msgtype: "text", agentid: TEST_CORP.agentId, text: { content: "客户周小雨打开了你的资料" }, ...body },
  });
const deliveredTo = (userid: string) => sim.simulator.messages().filter((d) => d.userid === userid);

test("the agentid must be the app's (40056), be present (41011), and the msgtype known (40008)", async () => {
  expect((await send({ agentid: 999 })).errcode).toBe(40056);
  expect((await send({ agentid: undefined })).errcode).toBe(41011);
  expect((await send({ msgtype: "voice" })).errcode).toBe(40008);
  expect((await send({ text: { content: "" } })).errcode).toBe(44004);
});

test("a message reaches the valid members; unknown ones come back in invaliduser", async () => {
  const answer = await send({ touser: "LiNa|Nobody|LiuYang", text: { content: "周会改到三点" } });
  expect(answer).toMatchObject({ errcode: 0, invaliduser: "Nobody", msgid: expect.any(String) });
  expect(deliveredTo("LiNa").at(-1)).toMatchObject({ msgid: answer.msgid, msgtype: "text", content: { content: "周会改到三点" } });
  expect(deliveredTo("LiuYang")).toHaveLength(1);
  expect((await send({ touser: "Nobody" })).errcode).toBe(81013);
});

test("with the duplicate check, the same message inside the interval is accepted but not delivered again", async () => {
  const body = { touser: "ChenJing", text: { content: "任务：回访吴建国" }, enable_duplicate_check: 1, duplicate_check_interval: 600 };
  const first = await send(body);
  const second = await send(body);
  expect([first.errcode, second.errcode]).toEqual([0, 0]);
  expect(deliveredTo("ChenJing")).toHaveLength(1);
  clock.advance(600_000);
  await send(body);
  expect(deliveredTo("ChenJing")).toHaveLength(2);
  expect((await send({ ...body, duplicate_check_interval: 4 * 3600 + 1 })).errcode).toBe(40058);
});

test("without the duplicate check the same message is delivered twice", async () => {
  const body = { touser: "ZhaoMin", text: { content: "提醒" } };
  await send(body);
  await send(body);
  expect(deliveredTo("ZhaoMin")).toHaveLength(2);
});

test("a member gets at most 30 app messages a minute; the rest are dropped silently", async () => {
  clock.advance(60_000);
  const answers = [];
  for (let i = 0; i < 32; i++) answers.push((await send({ touser: "YangLei", text: { content: `提醒 ${i}` } })).errcode);
  expect(answers.every((e) => e === 0)).toBe(true);
  expect(deliveredTo("YangLei")).toHaveLength(30);
  clock.advance(60_001);
  await send({ touser: "YangLei", text: { content: "一分钟后" } });
  expect(deliveredTo("YangLei")).toHaveLength(31);
});
