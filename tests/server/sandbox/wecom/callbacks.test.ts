import { CallbackCrypto, CallbackCryptoError } from "../../../../server/src/wecom/callbackCrypto";
import { DEMO, type CallbackReceipt, type RunningSimulator } from "../../../../server/src/sandbox/wecom";
import { TEST_CORP, inspect, postAction, startCallbackReceiver, startTestSimulator, type Respond } from "../../../helpers/wecomSimulator";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.stop());
afterEach(() => sim.simulator.clearFaults());

/** A receiver for one test, with the simulator pointed at it. */
async function receiver(respond?: Respond) {
  const r = await startCallbackReceiver(respond);
  sim.simulator.setCallbackUrl(r.url);
  return r;
}

test("add_external_contact arrives encrypted and signed so that CallbackCrypto opens it, with WeCom's fields", async () => {
  const r = await receiver();
  try {
    const receipt = await sim.simulator.customerAddsStaff({ userId: "WangFang", state: "expo2026", name: "展会客户" });
    expect(receipt.outcome).toBe("delivered");
    expect(receipt.deliveries).toEqual([{ delivered: true, attempts: [expect.objectContaining({ status: 200 })] }]);
    expect(r.received).toHaveLength(1);
    const { fields, body } = r.received[0];
    expect(fields).toEqual({
      ToUserName: TEST_CORP.corpId,
      FromUserName: "sys",
      CreateTime: String(receipt.fields.CreateTime),
      MsgType: "event",
      Event: "change_external_contact",
      ChangeType: "add_external_contact",
      UserID: "WangFang",
      ExternalUserID: receipt.fields.ExternalUserID,
      State: "expo2026",
      WelcomeCode: receipt.fields.WelcomeCode,
    });
    expect(body).toMatch(
      new RegExp(`^<xml><ToUserName><!\\[CDATA\\[${TEST_CORP.corpId}]]></ToUserName><AgentID><!\\[CDATA\\[${TEST_CORP.agentId}]]></AgentID><Encrypt><!\\[CDATA\\[[A-Za-z0-9+/=]+]]></Encrypt></xml>$`),
    );
    expect(Math.abs(Number(receipt.fields.CreateTime) - Date.now() / 1000)).toBeLessThan(5);
  } finally {
    await r.stop();
  }
});

test("a non-200 answer is retried up to three more times, then the event counts as failed", async () => {
  const r = await receiver((i) => (i < 2 ? 500 : 200));
  try {
    const receipt = await sim.simulator.customerDeletesStaff({ userId: "WangFang", externalUserId: DEMO.customers[0] });
    expect(receipt.outcome).toBe("delivered");
    expect(receipt.deliveries[0].attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(new Set(r.received.map((x) => x.body)).size).toBe(1); // a retry is the same request
    expect(r.received[0].fields).toMatchObject({ ChangeType: "del_follow_user", UserID: "WangFang", ExternalUserID: DEMO.customers[0] });
  } finally {
    await r.stop();
  }
  const down = await receiver(() => 503);
  try {
    const receipt = await sim.simulator.staffLeaves({ userId: "ZhaoMin" });
    expect(receipt.outcome).toBe("failed");
    expect(receipt.deliveries[0].attempts).toHaveLength(4);
    expect(down.received).toHaveLength(4);
  } finally {
    await down.stop();
  }
});

test("no answer within the timeout is retried like a failure", async () => {
  const r = await receiver((i) => (i === 0 ? "hang" : 200));
  try {
    const receipt = await sim.simulator.staffUpdated({ userId: "LiNa", position: "销售经理" });
    expect(receipt.deliveries[0].attempts.map((a) => a.error ?? a.status)).toEqual(["timeout", 200]);
    expect(r.received[1].fields).toEqual(expect.objectContaining({ Event: "change_contact", ChangeType: "update_user", UserID: "LiNa", Position: "销售经理" }));
  } finally {
    await r.stop();
  }
});

test("faults: dropped events never arrive, duplicated ones arrive twice byte for byte, delayed ones late", async () => {
  const r = await receiver();
  try {
    sim.simulator.injectCallbackFaults({ drop: 1, duplicate: 1 });
    const dropped = await sim.simulator.customerAddsStaff({ userId: "LiuYang" });
    const duplicated = await sim.simulator.customerAddsStaff({ userId: "LiuYang" });
    expect(dropped.outcome).toBe("dropped");
    expect(duplicated.deliveries).toHaveLength(2);
    expect(r.received.map((x) => x.fields.ExternalUserID)).toEqual([duplicated.fields.ExternalUserID, duplicated.fields.ExternalUserID]);
    expect(r.received[0].body).toBe(r.received[1].body);
    sim.simulator.injectCallbackFaults({ delay: { ms: 150 } });
    const started = Date.now();
    await sim.simulator.customerAddsStaff({ userId: "LiuYang" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  } finally {
    await r.stop();
  }
});

test("reorder holds a batch back and sends it reversed when the batch is complete", async () => {
  const r = await receiver();
  try {
    sim.simulator.injectCallbackFaults({ reorder: 3 });
    const first = await sim.simulator.customerAddsStaff({ userId: "ChenJing" });
    const second = await sim.simulator.customerDeletesStaff({ userId: "ChenJing", externalUserId: first.fields.ExternalUserID as string });
    expect([first.outcome, second.outcome]).toEqual(["held", "held"]);
    expect(r.received).toHaveLength(0);
    const third = await sim.simulator.staffJoins({ userId: "NewHire", name: "新同事", department: [DEMO.sales2], position: "销售顾问" });
    expect(r.received.map((x) => x.fields.ChangeType)).toEqual(["create_user", "del_follow_user", "add_external_contact"]);
    expect([first.outcome, second.outcome, third.outcome]).toEqual(["delivered", "delivered", "delivered"]);
    expect(r.received[0].fields).toMatchObject({ UserID: "NewHire", Name: "新同事", Department: "3", MainDepartment: "3", Status: "1" });
  } finally {
    await r.stop();
  }
});

test("signedCallback builds a request our side accepts, and one tampered byte makes it fail", () => {
  const crypto = new CallbackCrypto(TEST_CORP.callbackToken, TEST_CORP.encodingAesKey, TEST_CORP.corpId);
  const { query, body } = sim.simulator.signedCallback({ Event: "change_external_contact", ChangeType: "del_external_contact", UserID: "YangLei", ExternalUserID: "wmX", Source: "" });
  const encrypted = /<Encrypt><!\[CDATA\[(.*)]]><\/Encrypt>/.exec(body)![1];
  const inner = crypto.open(query.msg_signature, query.timestamp, query.nonce, encrypted);
  expect(inner).toMatch(/^<xml><ToUserName><!\[CDATA\[wwsimtest0000000001]]><\/ToUserName><FromUserName><!\[CDATA\[sys]]><\/FromUserName><CreateTime>\d+<\/CreateTime><MsgType><!\[CDATA\[event]]><\/MsgType>/);
  const tampered = encrypted.slice(0, 10) + (encrypted[10] === "A" ? "B" : "A") + encrypted.slice(11);
  expect(() => crypto.open(query.msg_signature, query.timestamp, query.nonce, tampered)).toThrow(CallbackCryptoError);
  const stale = sim.simulator.signedCallback({ Event: "change_contact", ChangeType: "delete_user", UserID: "x" }, { timestamp: "1000000000" });
  const staleEncrypted = /<Encrypt><!\[CDATA\[(.*)]]><\/Encrypt>/.exec(stale.body)![1];
  expect(() => crypto.open(stale.query.msg_signature, stale.query.timestamp, stale.query.nonce, staleEncrypted)).toThrow(/outside the accepted window/);
});

test("actions over HTTP answer what was sent, and refuse what the corp cannot do", async () => {
  const r = await receiver();
  const post = <T = CallbackReceipt>(name: string, body: unknown) => postAction<T>(sim.url, name, body);
  try {
    const { status, body: receipt } = await post("customerAddsStaff", { userId: "YangLei", state: "store-7" });
    expect(status).toBe(200);
    expect(receipt).toMatchObject({ outcome: "delivered", fields: { UserID: "YangLei", State: "store-7", WelcomeCode: expect.any(String) } });
    expect(receipt.deliveries[0].attempts).toHaveLength(1);
    expect((await post("customerAddsStaff", { userId: "Nobody" })).status).toBe(400);
    expect((await post("staffJoins", { userId: "x" })).status).toBe(400);
    expect((await post("noSuchAction", {})).status).toBe(404);
    const removed = await post("staffDeletesCustomer", { userId: "YangLei", externalUserId: receipt.fields.ExternalUserID, source: "DELETE_BY_TRANSFER" });
    expect(removed.body.fields).toMatchObject({ ChangeType: "del_external_contact", Source: "DELETE_BY_TRANSFER" });
    expect(await inspect<CallbackReceipt[]>(sim.url, "callbacks")).toHaveLength(sim.simulator.callbacks().length);
  } finally {
    await r.stop();
  }
});
