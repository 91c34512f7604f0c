import request from "supertest";
import { randomUUID } from "node:crypto";
import { startTestApp, type TestApp } from "../../helpers/app";
import { testMerchant, type TestMerchant } from "../../helpers/wechatpay";
import { waitFor } from "../../helpers/waitFor";
import { randomAlnum, responseMessage, signMessage } from "../../../server/src/pay";
import { sealNotification, type PayEvent } from "../../../server/src/sandbox/wechatpay";
import { PayNotificationRow } from "../../../server/src/pay/notification.entity";
import { PayTransaction } from "../../../server/src/pay/transaction.entity";

let app: TestApp;
let merchant: TestMerchant;

beforeAll(async () => {
  app = await startTestApp();
  merchant = await testMerchant();
});
afterAll(() => app.close());

const transactionEvent = (transactionId = `4200${Date.now()}${Math.floor(Math.random() * 1e6)}`) => ({
  eventType: "TRANSACTION.SUCCESS",
  summary: "支付成功",
  originalType: "transaction",
  resource: {
    appid: app.config.miniapp.appId,
    mchid: merchant.mchid,
    out_trade_no: `order${Date.now()}`,
    transaction_id: transactionId,
    trade_state: "SUCCESS",
    success_time: "2026-11-26T10:00:00+08:00",
    payer: { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
    amount: { total: 9900, payer_total: 8900, currency: "CNY", payer_currency: "CNY" },
  },
});

interface Signed {
  body: string;
  headers: Record<string, string>;
}

/** A notification as WeChat Pay sends it: sealed with the APIv3 key, signed with the platform key. */
function signed(body: string, timestampS = Math.floor(Date.now() / 1000)): Signed {
  const timestamp = String(timestampS);
  const nonce = randomAlnum(32);
  return {
    body,
    headers: {
      "Content-Type": "application/json",
      "Wechatpay-Timestamp": timestamp,
      "Wechatpay-Nonce": nonce,
      "Wechatpay-Signature": signMessage(merchant.platformPrivateKeyPem, responseMessage(timestamp, nonce, body)),
      "Wechatpay-Serial": merchant.platformKeyId,
    },
  };
}

const post = ({ body, headers }: Signed) => request(app.url).post("/pay/notify").set(headers).send(body);
const sealed = (id = randomUUID(), event: PayEvent = transactionEvent()) => sealNotification(event, merchant.apiV3Key, id, Date.now());

/** Changes one field of the sealed resource and signs the body again (a valid signature over bad content). */
function withResource(body: string, change: (resource: Record<string, string>) => void): string {
  const envelope = JSON.parse(body) as { resource: Record<string, string> };
  change(envelope.resource);
  return JSON.stringify(envelope);
}
const flip = (b64: string, at: number) => {
  const bytes = Buffer.from(b64, "base64");
  bytes[at] ^= 0x01;
  return bytes.toString("base64");
};

test("a valid notification is stored once and handled; a redelivery changes nothing", async () => {
  const id = randomUUID();
  const event = transactionEvent();
  const notification = signed(sealed(id, event));
  expect((await post(notification)).status).toBe(204);
  expect((await post(signed(notification.body))).status).toBe(204);
  const row = await waitFor(() => app.deps.db.manager.findOneBy(PayNotificationRow, { id, outcome: "recorded" }));
  expect(row.eventType).toBe("TRANSACTION.SUCCESS");
  expect(await app.deps.db.manager.countBy(PayNotificationRow, { id })).toBe(1);
  const transaction = await app.deps.db.manager.findOneByOrFail(PayTransaction, { transactionId: event.resource.transaction_id });
  expect(transaction).toMatchObject({ amountFen: 9900, payerAmountFen: 8900 });
});

test("every tampered field is refused with a 4xx and changes nothing", async () => {
  const good = signed(sealed());
  const now = Math.floor(Date.now() / 1000);
  const cases: [string, Signed, number][] = [
    ["body", { ...good, body: good.body.replace("TRANSACTION.SUCCESS", "TRANSACTION.SUCCESs") }, 401],
    ["signature", { ...good, headers: { ...good.headers, "Wechatpay-Signature": flip(good.headers["Wechatpay-Signature"], 10) } }, 401],
    ["serial", { ...good, headers: { ...good.headers, "Wechatpay-Serial": "PUB_KEY_ID_0000000000000000000000000" } }, 401],
    ["timestamp (changed)", { ...good, headers: { ...good.headers, "Wechatpay-Timestamp": String(now + 1) } }, 401],
    ["timestamp (stale, signed)", signed(sealed(), now - 360), 401],
    ["timestamp (future, signed)", signed(sealed(), now + 360), 401],
    ["ciphertext", signed(withResource(sealed(), (r) => (r.ciphertext = flip(r.ciphertext, 3)))), 400],
    ["tag", signed(withResource(sealed(), (r) => (r.ciphertext = flip(r.ciphertext, Buffer.from(r.ciphertext, "base64").length - 2)))), 400],
    ["associated data", signed(withResource(sealed(), (r) => (r.associated_data = "coupon"))), 400],
    ["resource nonce", signed(withResource(sealed(), (r) => (r.nonce = r.nonce.slice(0, -1) + (r.nonce.endsWith("a") ? "b" : "a")))), 400],
    ["missing headers", { body: good.body, headers: { "Content-Type": "application/json" } }, 401],
    ["not JSON", signed("not json"), 400],
  ];
  for (const [field, notification, status] of cases) {
    const res = await post(notification);
    expect({ field, status: res.status }).toEqual({ field, status });
  }
  expect(await app.deps.db.manager.countBy(PayNotificationRow, {})).toBe(1); // only the first test's
});

test("a COUPON.USE about a coupon we never issued is answered 204 and logged, nothing else", async () => {
  const id = randomUUID();
  const event: PayEvent = {
    eventType: "COUPON.USE",
    summary: "代金券核销通知",
    originalType: "coupon",
    resource: {
      stock_id: "9865000",
      coupon_id: "99999999999",
      status: "USED",
      normal_coupon_information: { coupon_amount: 1000, transaction_minimum: 10000 },
      consume_information: { consume_time: "2026-11-26T10:00:00+08:00", consume_mchid: merchant.mchid, transaction_id: "4200000000000000001", goods_detail: [] },
    },
  };
  expect((await post(signed(sealed(id, event)))).status).toBe(204);
  await waitFor(() => app.deps.db.manager.findOneBy(PayNotificationRow, { id, outcome: "unknown_coupon" }));
});
