import { createCipheriv, randomBytes } from "node:crypto";
import * as oracle from "@wecom/crypto";
import { CallbackCrypto, CallbackCryptoError, type CallbackRejection } from "../../../server/src/wecom/callbackCrypto";

// WeCom's published sample (WXBizMsgCrypt Sample.py): URL verification and a text message.
const SAMPLE = {
  token: "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo",
  aesKey: "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt",
  corpId: "ww1436e0e65a779aee",
  verify: {
    signature: "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb",
    timestamp: "1476416373",
    nonce: "47744683",
    echostr: "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==",
    plain: "1288432023552776189",
  },
};
const crypto = new CallbackCrypto(SAMPLE.token, SAMPLE.aesKey, SAMPLE.corpId);
const sampleTimeMs = Number(SAMPLE.verify.timestamp) * 1000;

const rejection = (fn: () => unknown): CallbackRejection | "accepted" => {
  try {
    fn();
    return "accepted";
  } catch (err) {
    if (err instanceof CallbackCryptoError) return err.reason;
    throw err; // anything else is a bug: an uncaught exception
  }
};

test("WeCom's published URL-verification sample verifies and decrypts", () => {
  const { signature, timestamp, nonce, echostr, plain } = SAMPLE.verify;
  expect(crypto.signature(timestamp, nonce, echostr)).toBe(signature);
  expect(() => crypto.verify(signature, timestamp, nonce, echostr, sampleTimeMs)).not.toThrow();
  expect(crypto.decrypt(echostr)).toBe(plain);
});

test("round trips agree with the official @wecom/crypto package both ways", () => {
  for (const message of ["<xml><Event>change_external_contact</Event></xml>", "中文消息 ✓", "x".repeat(5000), ""]) {
    const ours = crypto.encrypt(message);
    expect(oracle.decrypt(SAMPLE.aesKey, ours)).toMatchObject({ message, id: SAMPLE.corpId });
    const theirs = oracle.encrypt(SAMPLE.aesKey, message, SAMPLE.corpId);
    expect(crypto.decrypt(theirs)).toBe(message);
    expect(crypto.signature("1700000000", "n0nce", ours)).toBe(oracle.getSignature(SAMPLE.token, "1700000000", "n0nce", ours));
  }
});

test("a flipped byte anywhere in the ciphertext is rejected with a typed error", () => {
  const now = Date.now();
  const ts = String(Math.floor(now / 1000));
  const encrypted = Buffer.from(crypto.encrypt("<xml><ChangeType>add_external_contact</ChangeType></xml>"), "base64");
  const signature = crypto.signature(ts, "n0nce", encrypted.toString("base64"));
  for (let i = 0; i < encrypted.length; i++) {
    const tampered = Buffer.from(encrypted);
    tampered[i] ^= 0x01;
    const b64 = tampered.toString("base64");
    expect(rejection(() => crypto.open(signature, ts, "n0nce", b64, now))).toBe("bad_signature");
    rejection(() => crypto.decrypt(b64)); // the cipher alone may not notice, but never crashes
  }
  expect(crypto.open(signature, ts, "n0nce", encrypted.toString("base64"), now)).toContain("add_external_contact");
});

test("wrong receive id, bad padding, impossible length, truncation and bad base64 are each rejected", () => {
  const other = new CallbackCrypto(SAMPLE.token, SAMPLE.aesKey, "wwsomeoneelse");
  expect(rejection(() => crypto.decrypt(other.encrypt("hello")))).toBe("wrong_receive_id");

  const key = Buffer.from(SAMPLE.aesKey + "=", "base64");
  const raw = (plain: Buffer) => {
    const c = createCipheriv("aes-256-cbc", key, key.subarray(0, 16)).setAutoPadding(false);
    return Buffer.concat([c.update(plain), c.final()]).toString("base64");
  };
  const body = Buffer.concat([randomBytes(16), Buffer.from([0, 0, 0, 2]), Buffer.from("hi" + SAMPLE.corpId)]);
  const padLength = 32 - (body.length % 32);
  const zeroPad = Buffer.concat([body, Buffer.alloc(padLength, 0)]);
  const mixedPad = Buffer.concat([body, Buffer.alloc(padLength - 1, 0), Buffer.from([5])]);
  expect(rejection(() => crypto.decrypt(raw(zeroPad)))).toBe("bad_padding");
  expect(rejection(() => crypto.decrypt(raw(mixedPad)))).toBe("bad_padding");

  const longLength = Buffer.concat([randomBytes(16), Buffer.from([0, 0, 0x10, 0]), Buffer.from("hi" + SAMPLE.corpId)]);
  const n = 32 - (longLength.length % 32);
  expect(rejection(() => crypto.decrypt(raw(Buffer.concat([longLength, Buffer.alloc(n, n)]))))).toBe("bad_length");
  // The official package silently truncates the same input instead of refusing it.
  expect(() => oracle.decrypt(SAMPLE.aesKey, raw(Buffer.concat([longLength, Buffer.alloc(n, n)])))).not.toThrow();

  const full = crypto.encrypt("hello");
  expect(rejection(() => crypto.decrypt(full.slice(0, 44)))).toBe("bad_ciphertext");
  expect(rejection(() => crypto.decrypt(""))).toBe("bad_base64");
  expect(rejection(() => crypto.decrypt("not base64!!"))).toBe("bad_base64");
  expect(rejection(() => crypto.decrypt(full.slice(0, -2)))).toBe("bad_base64");
});

test("wrong signature and stale or future timestamps are rejected by the real clock", () => {
  const enc = crypto.encrypt("hello");
  const now = Date.now();
  const ts = String(Math.floor(now / 1000));
  const sig = crypto.signature(ts, "abc", enc);
  expect(rejection(() => crypto.verify(sig, ts, "abc", enc, now))).toBe("accepted");
  expect(rejection(() => crypto.verify(sig.replace(/^./, (c) => (c === "a" ? "b" : "a")), ts, "abc", enc, now))).toBe("bad_signature");
  expect(rejection(() => crypto.verify(sig.slice(1), ts, "abc", enc, now))).toBe("bad_signature");
  expect(rejection(() => crypto.verify(sig, ts, "abd", enc, now))).toBe("bad_signature");
  const old = String(Math.floor(now / 1000) - 301);
  expect(rejection(() => crypto.verify(crypto.signature(old, "abc", enc), old, "abc", enc, now))).toBe("stale_timestamp");
  const future = String(Math.floor(now / 1000) + 301);
  expect(rejection(() => crypto.verify(crypto.signature(future, "abc", enc), future, "abc", enc, now))).toBe("stale_timestamp");
  expect(rejection(() => crypto.verify(crypto.signature("soon", "abc", enc), "soon", "abc", enc, now))).toBe("stale_timestamp");
});
