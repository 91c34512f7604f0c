import type { RunningSimulator } from "../../../../server/src/sandbox/wecom";
import { startTestSimulator, tokenFor, wecomCall } from "../../../helpers/wecomSimulator";

let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  sim = await startTestSimulator();
  token = await tokenFor(sim.url, "contact");
});
afterAll(() => sim.stop());

const call = (api: string, body: unknown) => wecomCall(sim.url, `/cgi-bin/externalcontact/${api}`, { query: { access_token: token }, body });
const addWay = (body: Record<string, unknown>) => call("add_contact_way", { type: 1, scene: 2, user: ["WangFang"], ...body });

test("a QR-code way answers config_id and qr_code; a mini-program button way no qr_code", async () => {
  const qr = await addWay({ state: "expo2026", remark: "展会展台" });
  expect(qr).toMatchObject({ errcode: 0, config_id: expect.stringMatching(/^[0-9a-f]{32}$/), qr_code: expect.stringMatching(/^https:\/\//) });
  const button = await addWay({ scene: 1 });
  expect(button.errcode).toBe(0);
  expect(button).not.toHaveProperty("qr_code");
});

test("state and remark take at most 30 characters (CJK counted as one); more is 40058", async () => {
  expect((await addWay({ state: "渠".repeat(30), remark: "r".repeat(30) })).errcode).toBe(0);
  expect((await addWay({ state: "s".repeat(31) })).errcode).toBe(40058);
  expect((await addWay({ remark: "备".repeat(31) })).errcode).toBe(40058);
});

test("type 1 takes exactly one member, type 2 several but at most 100 (40032); unknown members 40031", async () => {
  expect((await addWay({ user: ["WangFang", "LiuYang"] })).errcode).toBe(40032);
  expect((await addWay({ user: [] })).errcode).toBe(40032);
  expect((await addWay({ type: 2, user: ["WangFang", "LiuYang", "YangLei"] })).errcode).toBe(0);
  const many = Array.from({ length: 101 }, (_, i) => `member${i}`);
  const tooMany = await addWay({ type: 2, user: many });
  expect(tooMany.errcode).toBe(40032);
  expect(tooMany.errmsg).toMatch(/exceed max size 100/);
  expect((await addWay({ user: ["NoSuchMember"] })).errcode).toBe(40031);
  expect((await addWay({ type: 3 })).errcode).toBe(40058);
  expect((await addWay({ scene: 3 })).errcode).toBe(610003);
});

test("temporary ways are single-member, expire in 7 days by default and at most 14", async () => {
  const temp = await addWay({ is_temp: true });
  const got = await call("get_contact_way", { config_id: temp.config_id });
  expect(got.contact_way).toMatchObject({ is_temp: true, expires_in: 7 * 86400, chat_expires_in: 86400 });
  expect((await addWay({ is_temp: true, type: 2, user: ["WangFang", "LiuYang"] })).errcode).toBe(40058);
  expect((await addWay({ is_temp: true, expires_in: 15 * 86400 })).errcode).toBe(40058);
});

test("get, update, list and delete round-trip; a refused update changes nothing", async () => {
  const { config_id } = await addWay({ state: "store-1" });
  expect((await call("update_contact_way", { config_id, state: "store-2", remark: "门店" })).errcode).toBe(0);
  expect((await call("update_contact_way", { config_id, state: "x".repeat(31) })).errcode).toBe(40058);
  const got = await call("get_contact_way", { config_id });
  expect(got.contact_way).toMatchObject({ config_id, type: 1, scene: 2, state: "store-2", remark: "门店", user: ["WangFang"] });
  const listed = await call("list_contact_way", { limit: 1000 });
  expect((listed.contact_way as { config_id: string }[]).map((w) => w.config_id)).toContain(config_id);
  expect((await call("del_contact_way", { config_id })).errcode).toBe(0);
  expect((await call("get_contact_way", { config_id })).errcode).toBe(40058);
  expect(sim.simulator.contactWays().some((w) => w.config_id === config_id)).toBe(false);
});

test("list_contact_way pages with next_cursor", async () => {
  const all: string[] = [];
  let cursor = "";
  do {
    const page = await call("list_contact_way", { limit: 2, cursor });
    all.push(...(page.contact_way as { config_id: string }[]).map((w) => w.config_id));
    cursor = page.next_cursor as string;
  } while (cursor);
  expect(all.sort()).toEqual(sim.simulator.contactWays().map((w) => w.config_id).sort());
});

test("a customer adding through a way meets its member, carries its state, and a temporary way works once", async () => {
  const way = await addWay({ type: 2, user: ["ChenJing", "ZhaoMin"], state: "poster-9" });
  const first = await sim.simulator.customerAddsStaff({ configId: way.config_id as string });
  const second = await sim.simulator.customerAddsStaff({ configId: way.config_id as string });
  expect([first.fields.UserID, second.fields.UserID].sort()).toEqual(["ChenJing", "ZhaoMin"]);
  expect(first.fields.State).toBe("poster-9");
  const temp = await addWay({ is_temp: true, user: ["LiuYang"] });
  await sim.simulator.customerAddsStaff({ configId: temp.config_id as string });
  await expect(sim.simulator.customerAddsStaff({ configId: temp.config_id as string })).rejects.toThrow(/no longer works/);
});
