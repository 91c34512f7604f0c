import { InvalidNotificationError, ResourceDecryptError, SignatureVerificationError, encryptResource, openNotification, type WechatPayVerifier } from "../../../server/src/pay";
import { sealNotification } from "../../../server/src/sandbox/wechatpay";
import { testMerchant, testVerifier, wechatpaySignedHeaders, type TestMerchant } from "../../helpers/wechatpay";

/** Notifications built and signed here, as WeChat Pay would: the fixtures are ours, not pasted strings. */
let m: TestMerchant;
let verifier: WechatPayVerifier;
const resource = { coupon_id: "12345678901", stock_id: "9865000", status: "USED" };
const event = { eventType: "COUPON.USE", summary: "代金券核销通知", originalType: "coupon", resource };

beforeAll(async () => {
  m = await testMerchant();
  verifier = await testVerifier();
});

const signer = () => ({ privateKeyPem: m.platformPrivateKeyPem, serial: m.platformKeyId });
const sealed = () => sealNotification(event, m.apiV3Key, "EV-2018022511223320873", Date.now());
const open = (headers: Record<string, string>, body: string) => () => openNotification(headers, Buffer.from(body), verifier, m.apiV3Key);

/** Re-encodes the envelope after `change`, and signs the result properly: only the crypto inside is wrong. */
function resealed(change: (resource: Record<string, string>) => void): { headers: Record<string, string>; body: string } {
  const envelope = JSON.parse(sealed());
  change(envelope.resource);
  const body = JSON.stringify(envelope);
  return { headers: wechatpaySignedHeaders(body, signer()), body };
}

const flip = (b64: string, index: (length: number) => number) => {
  const bytes = Buffer.from(b64, "base64");
  bytes[index(bytes.length)] ^= 1;
  return bytes.toString("base64");
};

it("opens a genuine notification: verified, decrypted, parsed", () => {
  const body = sealed();
  const notification = open(wechatpaySignedHeaders(body, signer()), body)();
  expect(notification).toEqual({
    id: "EV-2018022511223320873",
    createTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/),
    eventType: "COUPON.USE",
    resourceType: "encrypt-resource",
    summary: "代金券核销通知",
    resource,
    associatedData: "coupon",
  });
});

describe("refuses a tampered notification", () => {
  it("body", () => {
    const body = sealed();
    expect(open(wechatpaySignedHeaders(body, signer()), body.replace("COUPON.USE", "COUPON.SEND"))).toThrow(SignatureVerificationError);
  });
  it("signature", () => {
    const body = sealed();
    const headers = wechatpaySignedHeaders(body, signer());
    expect(open({ ...headers, "wechatpay-signature": flip(headers["wechatpay-signature"], () => 0) }, body)).toThrow(
      expect.objectContaining({ reason: "bad_signature" }),
    );
  });
  it("serial", () => {
    const body = sealed();
    expect(open({ ...wechatpaySignedHeaders(body, signer()), "wechatpay-serial": "PUB_KEY_ID_0000000000000000000000000000" }, body)).toThrow(
      expect.objectContaining({ reason: "unknown_serial" }),
    );
  });
  it("timestamp: a genuine notification replayed after the window", () => {
    const body = sealed();
    const headers = wechatpaySignedHeaders(body, signer(), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(open(headers, body)).toThrow(expect.objectContaining({ reason: "stale_timestamp" }));
  });
  it("nonce header", () => {
    const body = sealed();
    expect(open({ ...wechatpaySignedHeaders(body, signer()), "wechatpay-nonce": "another-nonce" }, body)).toThrow(SignatureVerificationError);
  });
  it.each([
    ["ciphertext", (r: Record<string, string>) => (r.ciphertext = flip(r.ciphertext, () => 0))],
    ["tag", (r: Record<string, string>) => (r.ciphertext = flip(r.ciphertext, (n) => n - 1))],
    ["associated_data", (r: Record<string, string>) => (r.associated_data = "transaction")],
    ["resource nonce", (r: Record<string, string>) => (r.nonce = "000000000000")],
  ])("%s, even when the envelope is signed again", (_field, change) => {
    const { headers, body } = resealed(change);
    expect(open(headers, body)).toThrow(ResourceDecryptError);
  });
  it("a resource sealed with another APIv3 key", () => {
    const body = sealNotification(event, "ZYXWVUTSRQPONMLKJIHGFEDCBA987654", "EV-1", Date.now());
    expect(open(wechatpaySignedHeaders(body, signer()), body)).toThrow(ResourceDecryptError);
  });
});

describe("refuses a signed but malformed notification", () => {
  it.each([
    ["not JSON", "{"],
    ["no id", JSON.stringify({ create_time: "x", event_type: "COUPON.USE", resource_type: "encrypt-resource", resource: {} })],
    ["a plain resource", JSON.stringify({ id: "1", create_time: "x", event_type: "COUPON.USE", resource_type: "plain", resource: {} })],
    ["no resource", JSON.stringify({ id: "1", create_time: "x", event_type: "COUPON.USE", resource_type: "encrypt-resource" })],
  ])("%s", (_case, body) => {
    expect(open(wechatpaySignedHeaders(body, signer()), body)).toThrow(InvalidNotificationError);
  });
  it("a resource that decrypts to something other than JSON", () => {
    const body = JSON.stringify({ ...JSON.parse(sealed()), resource: encryptResource("not json", m.apiV3Key, "coupon") });
    expect(open(wechatpaySignedHeaders(body, signer()), body)).toThrow(InvalidNotificationError);
  });
});
