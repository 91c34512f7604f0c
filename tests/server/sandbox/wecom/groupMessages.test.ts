import { DEMO, type RunningSimulator } from "../../../../server/src/sandbox/wecom";
import { manualClock, startTestSimulator, tokenFor, wecomCall } from "../../../helpers/wecomSimulator";

// 2026-02-10 12:00 in Shanghai: February 2026 has 28 days.
const clock = manualClock(Date.parse("2026-02-10T04:00:00Z"));
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator({ now: clock.now });
});
afterAll(() => sim.stop());

// A token per call: the clock crosses its 2 hours here.
const call = async (api: string, body: unknown) =>
  wecomCall(sim.url, `/cgi-bin/externalcontact/${api}`, { query: { access_token: await tokenFor(sim.url, "contact") }, body });
const template = (external_userid: string[], sender = "WangFang") => call("add_msg_template", { chat_type: "single", external_userid, sender, text: { content: "新品上市" } });
const results = async (msgid: string, userid = "WangFang") => (await call("get_groupmsg_send_result", { msgid, userid })).send_list as { status: number }[];

test("a task answers its msgid and the customers it cannot reach; results stay 0 until the member confirms", async () => {
  const answer = await template([DEMO.customers[0], DEMO.customers[1]]);
  expect(answer).toMatchObject({ errcode: 0, msgid: expect.any(String), fail_list: [DEMO.customers[1]] });
  expect(await results(answer.msgid as string)).toEqual([{ external_userid: DEMO.customers[0], userid: "WangFang", status: 0 }]);
  sim.simulator.confirmGroupMessage({ msgid: answer.msgid as string });
  expect(await results(answer.msgid as string)).toEqual([
    { external_userid: DEMO.customers[0], userid: "WangFang", status: 1, send_time: Math.floor(clock.now() / 1000) },
  ]);
  expect((await template([DEMO.customers[1]])).errcode).toBe(41048);
});

test("a customer receives at most as many group messages a month as the month has days (status 3)", async () => {
  const { fields } = await sim.simulator.customerAddsStaff({ userId: "WangFang", name: "常客" });
  const customer = fields.ExternalUserID as string;
  const statuses: number[] = [];
  for (let i = 0; i < 29; i++) {
    const { msgid } = await template([customer]);
    sim.simulator.confirmGroupMessage({ msgid: msgid as string, userId: "WangFang" });
    statuses.push(...(await results(msgid as string)).map((r) => r.status));
  }
  expect(statuses.filter((s) => s === 1)).toHaveLength(28);
  expect(statuses.at(-1)).toBe(3);
  clock.advance(20 * 86_400_000); // March
  const { msgid } = await template([customer]);
  sim.simulator.confirmGroupMessage({ msgid: msgid as string });
  expect((await results(msgid as string))[0].status).toBe(1);
});

test("a customer who deleted the member before the confirmation is status 2", async () => {
  const { fields } = await sim.simulator.customerAddsStaff({ userId: "WangFang", name: "过客" });
  const { msgid } = await template([fields.ExternalUserID as string]);
  await sim.simulator.customerDeletesStaff({ userId: "WangFang", externalUserId: fields.ExternalUserID as string });
  sim.simulator.confirmGroupMessage({ msgid: msgid as string });
  expect((await results(msgid as string))[0].status).toBe(2);
});

test("get_groupmsg_list_v2 finds tasks by time range and creator, at most a month apart", async () => {
  const now = Math.floor(clock.now() / 1000);
  const { msgid } = await template([DEMO.customers[0]]);
  const listed = await call("get_groupmsg_list_v2", { chat_type: "single", start_time: now - 60, end_time: now + 60, creator: "WangFang" });
  expect((listed.group_msg_list as { msgid: string }[]).map((m) => m.msgid)).toContain(msgid);
  expect(listed.group_msg_list).toContainEqual(expect.objectContaining({ msgid, creator: "WangFang", create_type: 0, text: { content: "新品上市" } }));
  expect((await call("get_groupmsg_list_v2", { start_time: now - 40 * 86_400, end_time: now })).errcode).toBe(40058);
});
