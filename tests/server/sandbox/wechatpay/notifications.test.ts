import { openNotification, type PayNotification, type WechatPayClient, type WechatPayVerifier } from "../../../../server/src/pay";
import type { RunningWechatPaySimulator, SentNotification } from "../../../../server/src/sandbox/wechatpay";
import { waitFor } from "../../../helpers/waitFor";
import {
  TEST_PAY_APPID,
  merchantFetch,
  startNotificationReceiver,
  startTestWechatPay,
  testMerchant,
  testVerifier,
  testWechatPayClient,
  type NotificationReceiver,
  type ReceivedRequest,
} from "../../../helpers/wechatpay";

/** WeChat Pay telling the merchant a coupon was used and a payment succeeded, to a real local endpoint. */
let running: RunningWechatPaySimulator;
let client: WechatPayClient;
let verifier: WechatPayVerifier;
let apiV3Key: string;
const receivers: NotificationReceiver[] = [];

beforeAll(async () => {
  running = await startTestWechatPay();
  client = await testWechatPayClient(running.url);
  verifier = await testVerifier();
  apiV3Key = (await testMerchant()).apiV3Key;
});
afterAll(async () => {
  await running.stop();
  await Promise.all(receivers.map((r) => r.stop()));
});
afterEach(() => running.simulator.setFault({ kind: "none" }));

async function receiver(answer?: (index: number) => number): Promise<NotificationReceiver> {
  const r = await startNotificationReceiver(answer);
  receivers.push(r);
  await client.setCouponCallbacks(r.url);
  return r;
}

let seq = 0;
async function couponFor(stockId = "9865001"): Promise<{ openid: string; couponId: string }> {
  const openid = `o-notify-${++seq}`;
  return { openid, ...(await client.sendCoupon({ openid, stockId, outRequestNo: `notify-${seq}` })) };
}

const pay = async (body: Record<string, unknown>) => {
  const res = await fetch(`${running.url}/_actions/payWithCoupon`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { transactionId: string; notificationIds: string[]; error?: string } };
};
const opened = (r: ReceivedRequest): PayNotification => openNotification(r.headers, r.body, verifier, apiV3Key);
const sent = (id: string): SentNotification => running.simulator.notifications().find((n) => n.id === id)!;

it("payWithCoupon uses the coupon and delivers COUPON.USE and TRANSACTION.SUCCESS, signed and encrypted", async () => {
  const inbox = await receiver();
  const { openid, couponId } = await couponFor();
  const { status, body } = await pay({ couponId, totalFen: 12_000 });
  expect(status).toBe(200);
  expect(body).toEqual({ transactionId: expect.stringMatching(/^42000\d{23}$/), outTradeNo: expect.any(String), notificationIds: [expect.any(String), expect.any(String)] });

  await waitFor(() => inbox.received.length >= 2);
  const [couponUse, transaction] = body.notificationIds.map((id) => inbox.received.map(opened).find((n) => n.id === id)!);
  expect(couponUse).toMatchObject({ eventType: "COUPON.USE", resourceType: "encrypt-resource", associatedData: "coupon" });
  expect(couponUse.resource).toMatchObject({
    stock_id: "9865001",
    coupon_id: couponId,
    coupon_name: "满50减5代金券",
    status: "USED",
    normal_coupon_information: { coupon_amount: 500, transaction_minimum: 5000 },
    consume_information: { consume_time: expect.stringMatching(/\+08:00$/), consume_mchid: client.mchid, transaction_id: body.transactionId, goods_detail: [] },
  });
  expect(transaction).toMatchObject({ eventType: "TRANSACTION.SUCCESS", associatedData: "transaction" });
  expect(transaction.resource).toMatchObject({
    appid: TEST_PAY_APPID,
    mchid: client.mchid,
    transaction_id: body.transactionId,
    trade_state: "SUCCESS",
    payer: { openid },
    amount: { total: 12_000, payer_total: 11_500, currency: "CNY" },
    promotion_detail: [expect.objectContaining({ coupon_id: couponId, stock_id: "9865001", amount: 500 })],
  });

  expect((await client.queryCoupon(openid, couponId)).status).toBe("USED");
  expect(running.simulator.coupons().find((c) => c.couponId === couponId)?.status).toBe("USED");
  await waitFor(() => body.notificationIds.every((id) => sent(id).outcome === "delivered"));
  expect(sent(body.notificationIds[0])).toMatchObject({ url: inbox.url, lastStatus: 200, deliveries: [{ delivered: true, attempts: [{ status: 200 }] }] });
});

it("refuses to pay with an unknown or already used coupon, or below its threshold", async () => {
  await receiver();
  const { couponId } = await couponFor();
  expect(await pay({ couponId: "10000000000" })).toEqual({ status: 400, body: { error: "no coupon 10000000000" } });
  expect((await pay({ couponId, totalFen: 4999 })).status).toBe(400);
  expect((await pay({ couponId, payerOpenid: "o-not-the-holder" })).status).toBe(400);
  expect((await pay({ couponId })).status).toBe(200);
  expect(await pay({ couponId })).toEqual({ status: 400, body: { error: `coupon ${couponId} is USED` } });
});

it("redelivers with the same id until the merchant answers 2xx, signed afresh each time", async () => {
  const inbox = await receiver((index) => (index < 2 ? 500 : 204));
  const { couponId } = await couponFor();
  const { body } = await pay({ couponId });
  await waitFor(() => body.notificationIds.every((id) => sent(id).outcome === "delivered"));
  const ids = inbox.received.map((r) => opened(r).id);
  expect(ids).toHaveLength(4);
  expect(new Set(ids)).toEqual(new Set(body.notificationIds));
  const retried = body.notificationIds.map((id) => sent(id)).find((n) => n.deliveries[0].attempts.length > 1)!;
  expect(retried.deliveries[0].attempts.map((a) => a.status)).toEqual(expect.arrayContaining([500, 204]));
  expect(new Set(inbox.received.map((r) => r.headers["wechatpay-nonce"])).size).toBe(4);
});

it("the duplicateNotifications fault delivers each notification twice, byte for byte the same body", async () => {
  const inbox = await receiver();
  const { couponId } = await couponFor();
  running.simulator.setFault({ kind: "duplicateNotifications", times: 2 });
  const { body } = await pay({ couponId });
  await waitFor(() => inbox.received.length >= 4 && body.notificationIds.every((id) => sent(id).outcome === "delivered"));
  for (const id of body.notificationIds) {
    const copies = inbox.received.filter((r) => opened(r).id === id);
    expect(copies).toHaveLength(2);
    expect(copies[0].body.equals(copies[1].body)).toBe(true);
    expect(sent(id).deliveries).toHaveLength(2);
  }
});

it("turning the callback off leaves notifications unsent, recorded as such", async () => {
  const inbox = await receiver();
  const { couponId } = await couponFor();
  const m = await testMerchant();
  const off = await merchantFetch(running, {
    method: "POST",
    path: "/v3/marketing/favor/callbacks",
    body: JSON.stringify({ mchid: m.mchid, notify_url: inbox.url, switch: false }),
  });
  expect(off.status).toBe(200);
  expect(running.simulator.notifyUrl).toBeUndefined();
  const { body } = await pay({ couponId });
  expect(body.notificationIds.map((id) => sent(id).outcome)).toEqual(["no_url", "no_url"]);
  expect(inbox.received).toEqual([]);
});

it("stop() cancels pending retries, so nothing outlives the simulator", async () => {
  const alone = await startTestWechatPay({ notifyRetryDelaysMs: [60_000] });
  const inbox = await startNotificationReceiver(() => 503);
  receivers.push(inbox);
  const own = await testWechatPayClient(alone.url);
  await own.setCouponCallbacks(inbox.url);
  const { couponId } = await own.sendCoupon({ openid: "o-stop", stockId: "9865001", outRequestNo: "stop-1" });
  const res = await fetch(`${alone.url}/_actions/payWithCoupon`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ couponId }) });
  const { notificationIds } = (await res.json()) as { notificationIds: string[] };
  await waitFor(() => inbox.received.length >= 2);
  await alone.stop();
  await waitFor(() => alone.simulator.notifications().every((n) => n.outcome === "cancelled"));
  expect(notificationIds.map((id) => alone.simulator.notifications().find((n) => n.id === id)?.deliveries[0].attempts.length)).toEqual([1, 1]);
});
