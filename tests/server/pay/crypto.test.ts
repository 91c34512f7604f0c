import WxPay from "wechatpay-node-v3";
import { ResourceDecryptError, decryptResource, encryptResource, requestMessage, signMessage, type EncryptedResource } from "../../../server/src/pay";
import { TEST_PAY_APPID, testMerchant } from "../../helpers/wechatpay";

const KEY = "0123456789abcdefghijABCDEFGHIJ01";
const flipLastByteOf = (b64: string) => {
  const bytes = Buffer.from(b64, "base64");
  bytes[bytes.length - 1] ^= 1;
  return bytes.toString("base64");
};
const flipFirstByteOf = (b64: string) => {
  const bytes = Buffer.from(b64, "base64");
  bytes[0] ^= 1;
  return bytes.toString("base64");
};

/** wechatpay-node-v3, as our client builds it: the oracle for the signing format. */
async function library(): Promise<WxPay> {
  const m = await testMerchant();
  return new WxPay({ appid: TEST_PAY_APPID, mchid: m.mchid, publicKey: Buffer.from(m.certPem), privateKey: Buffer.from(m.privateKeyPem), serial_no: m.serialNo, key: KEY });
}

describe("request signatures", () => {
  it("are the library's, for a POST with a body and a GET without", async () => {
    const lib = await library();
    const { privateKeyPem } = await testMerchant();
    const body = JSON.stringify({ stock_id: "9865000", out_request_no: "claim-1" });
    const post = "/v3/marketing/favor/users/o123/coupons";
    expect(signMessage(privateKeyPem, requestMessage("POST", post, "1700000000", "NONCE", body))).toBe(lib.getSignature("POST", "NONCE", "1700000000", post, body));
    const get = "/v3/marketing/favor/users/o123/coupons/1?appid=wx1";
    expect(signMessage(privateKeyPem, requestMessage("GET", get, "1700000000", "NONCE", ""))).toBe(lib.getSignature("GET", "NONCE", "1700000000", get));
  });
});

describe("AEAD_AES_256_GCM resources", () => {
  const plaintext = JSON.stringify({ coupon_id: "12345678901", status: "USED", name: "满100减10" });
  const sealed = encryptResource(plaintext, KEY, "coupon", "abcdefghijkl");

  it("round-trip, in the format the library (and WeChat Pay) reads: tag after the ciphertext, nonce and AAD as ASCII", async () => {
    expect(sealed).toMatchObject({ algorithm: "AEAD_AES_256_GCM", nonce: "abcdefghijkl", associated_data: "coupon" });
    expect(decryptResource(sealed, KEY)).toBe(plaintext);
    const lib = await library();
    expect(lib.decipher_gcm(sealed.ciphertext, sealed.associated_data, sealed.nonce, KEY)).toEqual(JSON.parse(plaintext));
    expect(encryptResource(plaintext, KEY, "coupon").nonce).toMatch(/^[A-Za-z0-9]{12}$/);
  });

  const tampered: [string, EncryptedResource][] = [
    ["ciphertext", { ...sealed, ciphertext: flipFirstByteOf(sealed.ciphertext) }],
    ["tag", { ...sealed, ciphertext: flipLastByteOf(sealed.ciphertext) }],
    ["associated_data", { ...sealed, associated_data: "transaction" }],
    ["nonce", { ...sealed, nonce: "abcdefghijkm" }],
    ["truncated ciphertext", { ...sealed, ciphertext: Buffer.from(sealed.ciphertext, "base64").subarray(0, 10).toString("base64") }],
    ["algorithm", { ...sealed, algorithm: "AEAD_AES_128_GCM" as "AEAD_AES_256_GCM" }],
  ];
  it.each(tampered)("refuses a changed %s", (_field, resource) => {
    expect(() => decryptResource(resource, KEY)).toThrow(ResourceDecryptError);
  });

  it("refuses another merchant's key", () => {
    expect(() => decryptResource(sealed, "ZYXWVUTSRQPONMLKJIHGFEDCBA987654")).toThrow(ResourceDecryptError);
  });

  it("is why the library's decrypt is not used: it hands back a forged tag's plaintext", async () => {
    const lib = await library();
    const forged = flipLastByteOf(sealed.ciphertext);
    expect(lib.decipher_gcm(forged, sealed.associated_data, sealed.nonce, KEY)).toEqual(JSON.parse(plaintext));
    expect(() => decryptResource({ ...sealed, ciphertext: forged }, KEY)).toThrow(ResourceDecryptError);
  });
});
