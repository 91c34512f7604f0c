import { generateKeyPairSync } from "node:crypto";
import { WechatPayApiError, WechatPayUnavailable, type WechatPayClient } from "../../../server/src/pay";
import type { RunningWechatPaySimulator } from "../../../server/src/sandbox/wechatpay";
import { manualClock } from "../../helpers/miniapp";
import { startTestWechatPay, testMerchant, testWechatPayClient } from "../../helpers/wechatpay";

/** Our client against the simulator over HTTP: what WeChat Pay accepts from us, and what we believe of it. */
let running: RunningWechatPaySimulator;
let client: WechatPayClient;
const clock = manualClock(Date.now());

beforeAll(async () => {
  running = await startTestWechatPay({ now: clock.now, faultTimeoutMs: 1500 });
  client = await testWechatPayClient(running.url, { timeoutMs: 500 });
});
afterAll(() => running.stop());
afterEach(() => running.simulator.setFault({ kind: "none" }));

let seq = 0;
const openid = () => `o-client-${++seq}`;
const stock = (maxCoupons: number, maxCouponsPerUser = 1) =>
  running.simulator.createStock({ stockName: "测试券", maxCoupons, maxCouponsPerUser, couponAmountFen: 1000, transactionMinimumFen: 10_000 }).stockId;
const apiError = (err: unknown) => err as WechatPayApiError;

describe("requests WeChat Pay accepts", () => {
  it("sends a coupon and reads it back, every answer verified", async () => {
    const user = openid();
    const { couponId } = await client.sendCoupon({ openid: user, stockId: "9865001", outRequestNo: "client-send-1" });
    expect(couponId).toMatch(/^[1-9]\d{10}$/);
    const detail = await client.queryCoupon(user, couponId);
    expect(detail).toMatchObject({ couponId, stockId: "9865001", status: "SENDED" });
    expect(detail.raw).toMatchObject({ normal_coupon_information: { coupon_amount: 500, transaction_minimum: 5000 } });
    const [sent, read] = running.simulator.calls({ sinceSeq: 0 }).slice(-2);
    expect(sent).toMatchObject({ method: "POST", status: 200, body: { stock_id: "9865001", out_request_no: "client-send-1", appid: expect.any(String) } });
    expect(read).toMatchObject({ method: "GET", status: 200, query: { appid: expect.any(String) } });
  });

  it("registers the coupon callback URL", async () => {
    await client.setCouponCallbacks("https://scrm.example.com/pay/notify");
    expect(running.simulator.notifyUrl).toBe("https://scrm.example.com/pay/notify");
  });

  it("is idempotent by out_request_no: the same coupon, the stock taken once", async () => {
    const id = stock(5);
    const user = openid();
    const first = await client.sendCoupon({ openid: user, stockId: id, outRequestNo: "claim-idem" });
    const again = await client.sendCoupon({ openid: user, stockId: id, outRequestNo: "claim-idem" });
    expect(again).toEqual(first);
    expect(running.simulator.stocks().find((s) => s.stockId === id)?.sent).toBe(1);
  });
});

describe("refusals", () => {
  it("stock exhausted: NOT_ENOUGH, definitive", async () => {
    const id = stock(1, 5);
    await client.sendCoupon({ openid: openid(), stockId: id, outRequestNo: `${id}-a` });
    const err = apiError(await client.sendCoupon({ openid: openid(), stockId: id, outRequestNo: `${id}-b` }).catch((e) => e));
    expect(err).toBeInstanceOf(WechatPayApiError);
    expect(err).toMatchObject({ status: 403, code: "NOT_ENOUGH", definitive: true, path: "/v3/marketing/favor/users/{openid}/coupons" });
  });

  it("per-user limit: RULE_LIMIT, definitive; an exhausted stock still answers a known out_request_no", async () => {
    const id = stock(2, 1);
    const user = openid();
    const first = await client.sendCoupon({ openid: user, stockId: id, outRequestNo: `${id}-1` });
    const err = apiError(await client.sendCoupon({ openid: user, stockId: id, outRequestNo: `${id}-2` }).catch((e) => e));
    expect(err).toMatchObject({ status: 403, code: "RULE_LIMIT", definitive: true });
    await client.sendCoupon({ openid: openid(), stockId: id, outRequestNo: `${id}-3` });
    expect(await client.sendCoupon({ openid: user, stockId: id, outRequestNo: `${id}-1` })).toEqual(first);
  });

  it("unknown stock, appid not ours, unknown coupon: definitive", async () => {
    expect(await client.sendCoupon({ openid: openid(), stockId: "1", outRequestNo: "x-unknown" }).catch((e) => e)).toMatchObject({
      status: 404,
      code: "RESOURCE_NOT_EXISTS",
      definitive: true,
    });
    const otherApp = await testWechatPayClient(running.url, { appId: "wxnotours000000001" });
    expect(await otherApp.sendCoupon({ openid: openid(), stockId: "9865001", outRequestNo: "x-app" }).catch((e) => e)).toMatchObject({
      status: 400,
      code: "APPID_MCHID_NOT_MATCH",
      definitive: true,
    });
    expect(await client.queryCoupon(openid(), "99999999999").catch((e) => e)).toMatchObject({ status: 404, code: "RESOURCE_NOT_EXISTS" });
  });

  it("500 SYSTEM_ERROR and 429 are not definitive, and take nothing", async () => {
    const id = stock(5);
    running.simulator.setFault({ kind: "error500" });
    expect(await client.sendCoupon({ openid: openid(), stockId: id, outRequestNo: "x-500" }).catch((e) => e)).toMatchObject({
      status: 500,
      code: "SYSTEM_ERROR",
      definitive: false,
    });
    running.simulator.setFault({ kind: "frequencyLimited" });
    expect(await client.sendCoupon({ openid: openid(), stockId: id, outRequestNo: "x-429" }).catch((e) => e)).toMatchObject({
      status: 429,
      code: "FREQUENCY_LIMITED",
      definitive: false,
    });
    expect(running.simulator.stocks().find((s) => s.stockId === id)?.sent).toBe(0);
  });
});

describe("signatures WeChat Pay refuses: 401 SIGN_ERROR, not definitive", () => {
  it("a merchant certificate serial that is not ours", async () => {
    const wrongSerial = await testWechatPayClient(running.url, { serialNo: "0123456789ABCDEF0123456789ABCDEF01234567" });
    expect(await wrongSerial.sendCoupon({ openid: openid(), stockId: "9865001", outRequestNo: "x-serial" }).catch((e) => e)).toMatchObject({
      status: 401,
      code: "SIGN_ERROR",
      definitive: false,
    });
  });

  it("a key that is not the certificate's", async () => {
    const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const forger = await testWechatPayClient(running.url, { privateKeyPem: otherKey });
    expect(await forger.sendCoupon({ openid: openid(), stockId: "9865001", outRequestNo: "x-key" }).catch((e) => e)).toMatchObject({ status: 401, code: "SIGN_ERROR" });
  });

  it("a clock more than 5 minutes off WeChat Pay's", async () => {
    clock.advance(6 * 60_000);
    try {
      expect(await client.sendCoupon({ openid: openid(), stockId: "9865001", outRequestNo: "x-clock" }).catch((e) => e)).toMatchObject({ status: 401, code: "SIGN_ERROR" });
    } finally {
      clock.advance(-6 * 60_000);
    }
  });
});

describe("answers we do not believe", () => {
  it("an answer signed with another key is no answer: WechatPayUnavailable", async () => {
    const m = await testMerchant();
    const impostor = await startTestWechatPay({ platformPrivateKeyPem: undefined, platformSerial: m.platformKeyId });
    try {
      const fooled = await testWechatPayClient(impostor.url);
      const err = await fooled.sendCoupon({ openid: openid(), stockId: "9865001", outRequestNo: "x-impostor" }).catch((e) => e);
      expect(err).toBeInstanceOf(WechatPayUnavailable);
      expect(err).toMatchObject({ reason: "unverified_answer", detail: "bad_signature" });
    } finally {
      await impostor.stop();
    }
  });

  it("a refusal signed with another key is not believed either: no claim fails on it", async () => {
    const m = await testMerchant();
    const impostor = await startTestWechatPay({ platformPrivateKeyPem: undefined, platformSerial: m.platformKeyId });
    try {
      const fooled = await testWechatPayClient(impostor.url);
      const err = await fooled.sendCoupon({ openid: openid(), stockId: "no-such-stock", outRequestNo: "x-impostor-404" }).catch((e) => e);
      expect(err).toBeInstanceOf(WechatPayUnavailable);
      expect(err).toMatchObject({ reason: "unverified_answer" });
    } finally {
      await impostor.stop();
    }
  });

  it("a refused connection is WechatPayUnavailable too", async () => {
    const nowhere = await testWechatPayClient("http://127.0.0.1:9");
    expect(await nowhere.sendCoupon({ openid: openid(), stockId: "9865001", outRequestNo: "x-down" }).catch((e) => e)).toMatchObject({
      name: "WechatPayUnavailable",
      reason: "network",
    });
  });
});

it("a timeout after WeChat Pay sent the coupon, then a retry with the same out_request_no: exactly one coupon", async () => {
  const id = stock(10);
  const user = openid();
  running.simulator.setFault({ kind: "timeout", path: "/v3/marketing/favor/users" });
  const err = await client.sendCoupon({ openid: user, stockId: id, outRequestNo: "claim-timeout" }).catch((e) => e);
  expect(err).toBeInstanceOf(WechatPayUnavailable);
  expect(err).toMatchObject({ reason: "timeout" });

  const { couponId } = await client.sendCoupon({ openid: user, stockId: id, outRequestNo: "claim-timeout" });
  const issued = running.simulator.coupons().filter((c) => c.stockId === id);
  expect(issued).toEqual([expect.objectContaining({ couponId, openid: user, outRequestNo: "claim-timeout" })]);
});
