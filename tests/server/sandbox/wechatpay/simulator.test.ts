import { X509Certificate } from "node:crypto";
import { WechatPayVerifier, decryptResource } from "../../../../server/src/pay";
import { PAY_ERR, type RunningWechatPaySimulator } from "../../../../server/src/sandbox/wechatpay";
import { manualClock } from "../../../helpers/miniapp";
import { TEST_PAY_APPID, merchantFetch, startTestWechatPay, testMerchant, testVerifier, type MerchantRequest } from "../../../helpers/wechatpay";

/** WeChat Pay as a raw HTTP peer: what the wire says, without our client in between. */
let running: RunningWechatPaySimulator;
const clock = manualClock(Date.now());

beforeAll(async () => {
  running = await startTestWechatPay({ now: clock.now });
});
afterAll(() => running.stop());

const send = (openid: string, body: Record<string, unknown>, overrides: Partial<MerchantRequest> = {}) =>
  merchantFetch(running, { method: "POST", path: `/v3/marketing/favor/users/${openid}/coupons`, body: JSON.stringify(body), ...overrides });
const sendBody = async (outRequestNo: string) => {
  const m = await testMerchant();
  return { stock_id: "9865001", out_request_no: outRequestNo, appid: TEST_PAY_APPID, stock_creator_mchid: m.mchid };
};
const action = (name: string, body: unknown) =>
  fetch(`${running.url}/_actions/${name}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("answers", () => {
  it("are signed over their exact bytes, with a Request-ID, success or error", async () => {
    const verifier = await testVerifier();
    for (const res of [await send("o-wire-1", await sendBody("wire-1")), await send("o-wire-1", { out_request_no: "wire-2" })]) {
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(() => verifier.verify(Object.fromEntries(res.headers), bytes)).not.toThrow();
      expect(res.headers.get("request-id")).toMatch(/^[0-9A-F]{32}$/);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    }
  });

  it("refuse bad parameters with WeChat Pay's codes and statuses", async () => {
    const m = await testMerchant();
    const missing = await send("o-wire-2", { out_request_no: "wire-3", appid: TEST_PAY_APPID, stock_creator_mchid: m.mchid });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ code: "PARAM_ERROR", message: "批次号必填" });
    const notJson = await merchantFetch(running, { method: "POST", path: "/v3/marketing/favor/users/o-wire-2/coupons", body: "{stock_id" });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { code: string }).code).toBe("PARAM_ERROR");
    const otherCreator = await send("o-wire-2", { ...(await sendBody("wire-4")), stock_creator_mchid: "1230000109" });
    expect([otherCreator.status, ((await otherCreator.json()) as { code: string }).code]).toEqual([403, "REQUEST_BLOCKED"]);
  });

  it("refuse a user WeChat Pay judges abnormal", async () => {
    expect((await action("markUserAbnormal", { openid: "o-risky" })).status).toBe(200);
    const res = await send("o-risky", await sendBody("wire-risky"));
    expect([res.status, await res.json()]).toEqual([PAY_ERR.USER_ACCOUNT_ABNORMAL, { code: "USER_ACCOUNT_ABNORMAL", message: "用户非法" }]);
  });
});

describe("request signatures: 401 SIGN_ERROR", () => {
  const refusedWith = async (res: Response) => [res.status, ((await res.json()) as { code: string }).code];

  it("no Authorization at all", async () => {
    const res = await fetch(`${running.url}/v3/marketing/favor/users/o-x/coupons`, { method: "POST", body: JSON.stringify(await sendBody("sig-0")) });
    expect(await refusedWith(res)).toEqual([401, "SIGN_ERROR"]);
  });

  it("a tampered signature, another merchant, a stale timestamp, a path or body changed after signing", async () => {
    const flip = (sig: string) => (sig[0] === "A" ? "B" : "A") + sig.slice(1);
    expect(await refusedWith(await send("o-x", await sendBody("sig-1"), { tamperSignature: flip }))).toEqual([401, "SIGN_ERROR"]);
    expect(await refusedWith(await send("o-x", await sendBody("sig-2"), { mchid: "1230000109" }))).toEqual([401, "SIGN_ERROR"]);
    const staleS = Math.floor(clock.now() / 1000) - 6 * 60;
    expect(await refusedWith(await send("o-x", await sendBody("sig-3"), { timestamp: staleS }))).toEqual([401, "SIGN_ERROR"]);
    const body = JSON.stringify(await sendBody("sig-4"));
    const toAnotherUser = { path: "/v3/marketing/favor/users/o-thief/coupons" };
    expect(await refusedWith(await send("o-x", JSON.parse(body), { sent: toAnotherUser }))).toEqual([401, "SIGN_ERROR"]);
    expect(await refusedWith(await send("o-x", JSON.parse(body), { sent: { body: body.replace("9865001", "9865000") } }))).toEqual([401, "SIGN_ERROR"]);
    expect(running.simulator.coupons().some((c) => ["sig-1", "sig-2", "sig-3", "sig-4"].includes(c.outRequestNo))).toBe(false);
  });
});

describe("/v3/certificates", () => {
  it("serves the platform certificate encrypted under the APIv3 key; answers then come signed under the serial a request names", async () => {
    const m = await testMerchant();
    const res = await merchantFetch(running, { method: "GET", path: "/v3/certificates" });
    const { data } = (await res.json()) as { data: { serial_no: string; effective_time: string; expire_time: string; encrypt_certificate: never }[] };
    expect(data).toHaveLength(1);
    expect(data[0].encrypt_certificate).toMatchObject({ algorithm: "AEAD_AES_256_GCM", associated_data: "certificate" });
    const pem = decryptResource(data[0].encrypt_certificate, m.apiV3Key);
    const cert = new X509Certificate(pem);
    expect(cert.serialNumber).toBe(data[0].serial_no);
    expect(cert.publicKey.export({ type: "spki", format: "pem" })).toBe(m.platformPublicKey.export({ type: "spki", format: "pem" }));
    expect(data[0].effective_time).toMatch(/\+08:00$/);

    const byCert = new WechatPayVerifier([{ serial: cert.serialNumber, publicKey: cert.publicKey }]);
    const named = await fetch(`${running.url}/v3/marketing/favor/callbacks`, { method: "POST", headers: { "Wechatpay-Serial": cert.serialNumber } });
    expect(named.headers.get("wechatpay-serial")).toBe(cert.serialNumber);
    const namedBytes = Buffer.from(await named.arrayBuffer());
    expect(() => byCert.verify(Object.fromEntries(named.headers), namedBytes, clock.now())).not.toThrow();

    const unnamed = await merchantFetch(running, { method: "GET", path: "/v3/certificates" });
    expect(unnamed.headers.get("wechatpay-serial")).toBe(m.platformKeyId);
  });
});

describe("coupons", () => {
  it("answer the query API with WeChat Pay's shape, and expire with their stock", async () => {
    const created = (await (await action("createStock", { maxCoupons: 3, couponAmountFen: 300, transactionMinimumFen: 3000, availableDays: 1 })).json()) as {
      stockId: string;
    };
    const m = await testMerchant();
    const res = await send("o-query", { ...(await sendBody("query-1")), stock_id: created.stockId });
    const { coupon_id } = (await res.json()) as { coupon_id: string };
    const query = (timestamp?: number) =>
      merchantFetch(running, { method: "GET", path: `/v3/marketing/favor/users/o-query/coupons/${coupon_id}?appid=${TEST_PAY_APPID}`, timestamp });
    expect(await (await query()).json()).toEqual({
      stock_creator_mchid: m.mchid,
      stock_id: created.stockId,
      coupon_id,
      coupon_name: "满30减3代金券",
      status: "SENDED",
      description: "满30减3代金券",
      create_time: expect.stringMatching(/\+08:00$/),
      coupon_type: "NORMAL",
      no_cash: false,
      available_begin_time: expect.any(String),
      available_end_time: expect.any(String),
      singleitem: false,
      normal_coupon_information: { coupon_amount: 300, transaction_minimum: 3000 },
    });
    const otherUser = await merchantFetch(running, { method: "GET", path: `/v3/marketing/favor/users/o-someone/coupons/${coupon_id}?appid=${TEST_PAY_APPID}` });
    expect(otherUser.status).toBe(404);

    clock.advance(2 * 86_400_000);
    try {
      expect(((await (await query(Math.floor(clock.now() / 1000))).json()) as { status: string }).status).toBe("EXPIRED");
      expect((await (await action("payWithCoupon", { couponId: coupon_id })).json()) as { error: string }).toEqual({ error: `coupon ${coupon_id} is EXPIRED` });
    } finally {
      clock.advance(-2 * 86_400_000);
    }
  });

  it("createStock refuses a threshold below the face value", async () => {
    const res = await action("createStock", { maxCoupons: 3, couponAmountFen: 300, transactionMinimumFen: 300 });
    expect(res.status).toBe(400);
  });
});

it("_inspect/calls records what was asked and answered, never the Authorization", async () => {
  const res = await send("o-inspect", await sendBody("inspect-1"));
  expect(res.status).toBe(200);
  const calls = (await (await fetch(`${running.url}/_inspect/calls?path=/v3/marketing/favor/users/o-inspect`)).json()) as Record<string, unknown>[];
  expect(calls).toEqual([
    {
      seq: expect.any(Number),
      atMs: expect.any(Number),
      method: "POST",
      path: "/v3/marketing/favor/users/o-inspect/coupons",
      query: {},
      body: await sendBody("inspect-1"),
      status: 200,
      requestId: res.headers.get("request-id"),
    },
  ]);
  const refusals = (await (await fetch(`${running.url}/_inspect/calls?code=SIGN_ERROR`)).json()) as { status: number }[];
  expect(refusals.length).toBeGreaterThan(0);
  expect(JSON.stringify(await (await fetch(`${running.url}/_inspect/calls`)).json())).not.toMatch(/WECHATPAY2-SHA256-RSA2048|signature=/);
});
