import request from "supertest";
import { startTestApp, type TestApp } from "../../helpers/app";
import { addContactEvent, eventXml, signCallback, type SignedCallback } from "../../helpers/wecomCallback";
import { InboxEventRow } from "../../../server/src/wecom/inbox/inboxEvent.entity";
import type { InboxEvent } from "../../../server/src/wecom/inbox/handlers";
import { waitFor } from "../../helpers/waitFor";

let app: TestApp;
const handled: InboxEvent[] = [];

beforeAll(async () => {
  app = await startTestApp();
  app.deps.inboxHandlers.register("change_external_contact", "add_external_contact", async (e) => {
    handled.push(e);
  });
});
afterAll(() => app.close());
beforeEach(async () => {
  handled.length = 0;
  await app.deps.db.transaction((em) => em.clear(InboxEventRow));
});

const post = (signed: SignedCallback, body = signed.body) =>
  request(app.url).post("/wecom/callback").query(signed.query).set("Content-Type", "text/xml").send(body);
const rows = () => app.deps.db.manager.find(InboxEventRow);

test("URL verification answers the decrypted echostr as plain text", async () => {
  const crypto = app.deps.callbackCrypto;
  const echostr = crypto.encrypt("1288432023552776189");
  const timestamp = String(Math.floor(Date.now() / 1000));
  const res = await request(app.url)
    .get("/wecom/callback")
    .query({ msg_signature: crypto.signature(timestamp, "n1", echostr), timestamp, nonce: "n1", echostr });
  expect(res.status).toBe(200);
  expect(res.text).toBe("1288432023552776189");
  const bad = await request(app.url).get("/wecom/callback").query({ msg_signature: "0".repeat(40), timestamp, nonce: "n1", echostr });
  expect(bad.status).toBe(400);
});

test("an event is stored before `success`, and the welcome event is handled without waiting for a tick", async () => {
  const fields = addContactEvent(app.config);
  const res = await post(signCallback(app.config, eventXml(fields)));
  expect(res.status).toBe(200);
  expect(res.text).toBe("success");
  const [row] = await rows();
  expect(row).toMatchObject({ event: "change_external_contact", changeType: "add_external_contact", userId: fields.UserID, externalUserId: fields.ExternalUserID });
  await waitFor(() => handled.length === 1);
  expect(handled[0].fields.WelcomeCode).toBe(fields.WelcomeCode);
  await waitFor(async () => (await rows())[0].state === "done");
});

test("a replayed request gets `success` and stores nothing new; a redelivery is handled once", async () => {
  const fields = addContactEvent(app.config);
  const signed = signCallback(app.config, eventXml(fields));
  for (let i = 0; i < 3; i++) expect((await post(signed)).text).toBe("success"); // byte-identical replays
  const redelivered = signCallback(app.config, eventXml(fields)); // WeCom's retry: new nonce and signature
  expect((await post(redelivered)).text).toBe("success");
  expect(await rows()).toHaveLength(1);
  await waitFor(() => handled.length === 1);
  await app.deps.inboxWorker.tick();
  expect(handled).toHaveLength(1);
});

test("two customers with the same CreateTime are two events", async () => {
  const createTime = Math.floor(Date.now() / 1000);
  await post(signCallback(app.config, eventXml(addContactEvent(app.config, { CreateTime: createTime, ExternalUserID: "wmA" }))));
  await post(signCallback(app.config, eventXml(addContactEvent(app.config, { CreateTime: createTime, ExternalUserID: "wmB" }))));
  expect((await rows()).map((r) => r.externalUserId).sort()).toEqual(["wmA", "wmB"]);
});

test("concurrent callbacks share commits and none is lost or doubled", async () => {
  const events = Array.from({ length: 60 }, (_, i) => addContactEvent(app.config, { ExternalUserID: `wmBurst${i}`, ChangeType: "edit_external_contact" }));
  const requests = [...events, ...events.slice(0, 10)].map((e) => post(signCallback(app.config, eventXml(e))));
  const answers = await Promise.all(requests);
  expect(answers.every((a) => a.status === 200 && a.text === "success")).toBe(true);
  expect(await rows()).toHaveLength(60);
});

describe("tampering is refused with a 4xx and nothing stored", () => {
  const now = () => Math.floor(Date.now() / 1000);
  const encryptField = (body: string) => /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/.exec(body)![1];
  const withEncrypt = (signed: SignedCallback, encrypted: string) => signed.body.replace(encryptField(signed.body), encrypted);
  const resign = (signed: SignedCallback, encrypted: string): SignedCallback => ({
    query: { ...signed.query, msg_signature: app.deps.callbackCrypto.signature(signed.query.timestamp, signed.query.nonce, encrypted) },
    body: withEncrypt(signed, encrypted),
  });

  const cases: [string, () => { signed: SignedCallback; body?: string }, number][] = [
    ["a flipped byte in the ciphertext", () => {
      const signed = signCallback(app.config, eventXml(addContactEvent(app.config)));
      const bytes = Buffer.from(encryptField(signed.body), "base64");
      bytes[40] ^= 1;
      return { signed, body: withEncrypt(signed, bytes.toString("base64")) };
    }, 400],
    ["a wrong receive id (correctly signed)", () => ({ signed: signCallback(app.config, eventXml(addContactEvent(app.config)), { receiveId: "wwAnotherCorp" }) }), 400],
    ["truncated ciphertext (correctly signed)", () => {
      const signed = signCallback(app.config, eventXml(addContactEvent(app.config)));
      return { signed: resign(signed, encryptField(signed.body).slice(0, 64)) };
    }, 400],
    ["bad base64 (correctly signed)", () => {
      const signed = signCallback(app.config, eventXml(addContactEvent(app.config)));
      return { signed: resign(signed, "%%%" + encryptField(signed.body)) };
    }, 400],
    ["a wrong signature", () => {
      const signed = signCallback(app.config, eventXml(addContactEvent(app.config)));
      return { signed: { ...signed, query: { ...signed.query, msg_signature: "f".repeat(40) } } };
    }, 400],
    ["a stale timestamp", () => ({ signed: signCallback(app.config, eventXml(addContactEvent(app.config)), { timestamp: String(now() - 301) }) }), 400],
    ["a future timestamp", () => ({ signed: signCallback(app.config, eventXml(addContactEvent(app.config)), { timestamp: String(now() + 301) }) }), 400],
    ["an envelope with entities", () => {
      const signed = signCallback(app.config, eventXml(addContactEvent(app.config)));
      return { signed, body: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>` + signed.body };
    }, 400],
    ["an event with entities inside the ciphertext", () => ({
      signed: signCallback(app.config, `<!DOCTYPE x [<!ENTITY b "${"b".repeat(10)}">]>` + eventXml(addContactEvent(app.config))),
    }), 400],
    ["malformed XML", () => {
      const signed = signCallback(app.config, eventXml(addContactEvent(app.config)));
      return { signed, body: signed.body.replace("</xml>", "") };
    }, 400],
    ["an event without CreateTime", () => {
      const { CreateTime: _, ...fields } = addContactEvent(app.config);
      return { signed: signCallback(app.config, eventXml(fields)) };
    }, 400],
    ["a body over 64 KB", () => {
      const signed = signCallback(app.config, eventXml(addContactEvent(app.config)));
      return { signed, body: signed.body.replace("</xml>", `<Pad>${"x".repeat(70 * 1024)}</Pad></xml>`) };
    }, 413],
  ];

  test.each(cases)("%s", async (_name, make, status) => {
    const { signed, body } = make();
    const res = await post(signed, body);
    expect(res.status).toBe(status);
    expect(res.body.error.requestId).toBeTruthy();
    expect(await rows()).toHaveLength(0);
    expect(handled).toHaveLength(0);
  });

  test("missing query parameters", async () => {
    const res = await request(app.url).post("/wecom/callback").send("<xml/>");
    expect(res.status).toBe(400);
    expect(await rows()).toHaveLength(0);
  });
});
