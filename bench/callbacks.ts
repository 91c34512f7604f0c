import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { CallbackCrypto } from "@scrm/server/dist/wecom/callbackCrypto";
import { closedLoop, client, openLoop, percentile, type LoadResult } from "./support/load";
import { freshMysqlDatabase, queryOne } from "./support/mysql";
import { freePort, log, productionEnv, report, startNode, ROOT } from "./support/processes";

const CONCURRENCY = 200;
const OFFERED_RATE = 2_000;
const DURATION_S = 15;
const DUPLICATE_SHARE = 0.1;

interface Payload {
  path: string;
  body: string;
  eventKey: string;
  createTime: string;
}

/**
 * The acknowledgement path of WeCom callbacks (verify, decrypt, durable insert, answer) on one
 * instance over MariaDB: signed, encrypted `add_external_contact` events from many concurrent
 * senders, 10% of them redeliveries or byte-identical replays of an earlier event.
 */
async function main(): Promise<void> {
  const port = await freePort();
  const databaseUrl = await freshMysqlDatabase("scrm_bench_callbacks");
  // The figure is the acknowledgement path; the handlers and their WeCom calls are not part of it,
  // so this instance's inbox worker stays idle (the events wait in the inbox, as durable as ever).
  const env: NodeJS.ProcessEnv = { ...(await productionEnv(port, databaseUrl)), CRON_INBOX: "0 0 1 1 *" };
  const crypto = new CallbackCrypto(env.WECOM_CALLBACK_TOKEN!, env.WECOM_CALLBACK_AES_KEY!, env.WECOM_CORP_ID!);
  const server = await startNode([join(ROOT, "server/dist/main.js")], env, port);
  const http = client(server.url, CONCURRENCY * 2);
  const distinct = new Set<string>();

  let serial = 0;
  const makePayloads = (count: number): Payload[] => {
    const payloads: Payload[] = [];
    for (let i = 0; i < count; i++) {
      if (payloads.length > 10 && Math.random() < DUPLICATE_SHARE) {
        const earlier = payloads[Math.floor(Math.random() * payloads.length)];
        // Half are WeCom's redeliveries (new nonce and signature), half byte-identical replays.
        payloads.push(Math.random() < 0.5 ? earlier : sign(crypto, earlier.eventKey, env.WECOM_CORP_ID!, earlier.createTime));
      } else {
        payloads.push(sign(crypto, `wmBench${serial++}`, env.WECOM_CORP_ID!));
      }
    }
    return payloads;
  };
  const sender = (payloads: Payload[]) => async (i: number) => {
    const p = payloads[i];
    const res = await http.send({ method: "POST", path: p.path, body: p.body, headers: { "Content-Type": "text/xml" } });
    const ok = res.status === 200 && res.body === "success";
    if (ok) distinct.add(p.eventKey);
    return ok;
  };

  try {
    log("preparing signed events");
    const closedPayloads = makePayloads(120_000);
    const openPayloads = makePayloads(OFFERED_RATE * DURATION_S);
    log("warm-up");
    await closedLoop(sender(makePayloads(2_000)), 2_000, 50, 10);
    log(`closed loop: ${CONCURRENCY} senders for ${DURATION_S} s`);
    const closed = await closedLoop(sender(closedPayloads), closedPayloads.length, CONCURRENCY, DURATION_S);
    summarize("closed", closed);
    log(`open loop: ${OFFERED_RATE} events/s for ${DURATION_S} s`);
    const open = await openLoop(sender(openPayloads), OFFERED_RATE, DURATION_S);
    summarize("open", open);

    const { rows } = await queryOne<{ rows: number }>(databaseUrl, "SELECT COUNT(*) AS `rows` FROM wecom_inbox");
    const { keys } = await queryOne<{ keys: number }>(databaseUrl, "SELECT COUNT(DISTINCT external_user_id) AS `keys` FROM wecom_inbox");
    report({
      name: "callbacks",
      db: "mariadb",
      instances: 1,
      concurrency: CONCURRENCY,
      offered_rate: OFFERED_RATE,
      duration_s: DURATION_S,
      events_per_s: Math.round(closed.ok / closed.seconds),
      p50_ms: round(percentile(open.latenciesMs, 50)),
      p99_ms: round(percentile(open.latenciesMs, 99)),
      distinct: distinct.size,
      inbox_rows: Number(rows),
      duplicates_stored: Number(rows) - Number(keys),
      failed_requests: closed.failed + open.failed,
    });
  } finally {
    http.close();
    await server.stop();
  }
}

/** A redelivery keeps the event's CreateTime; only the request's timestamp, nonce and signature are new. */
function sign(crypto: CallbackCrypto, externalUserId: string, corpId: string, createTime?: string): Payload {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString("hex");
  const inner =
    `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
    `<CreateTime>${createTime ?? timestamp}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event>` +
    `<ChangeType><![CDATA[add_external_contact]]></ChangeType><UserID><![CDATA[staff${externalUserId.length % 10}]]></UserID>` +
    `<ExternalUserID><![CDATA[${externalUserId}]]></ExternalUserID><State><![CDATA[bench]]></State></xml>`;
  const encrypted = crypto.encrypt(inner);
  const signature = crypto.signature(timestamp, nonce, encrypted);
  return {
    eventKey: externalUserId,
    createTime: createTime ?? timestamp,
    path: `/wecom/callback?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    body: `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
const summarize = (label: string, r: LoadResult) =>
  log(`${label}: ${r.ok} ok, ${r.failed} failed in ${r.seconds.toFixed(1)} s = ${Math.round(r.ok / r.seconds)}/s, p50 ${round(percentile(r.latenciesMs, 50))} ms, p99 ${round(percentile(r.latenciesMs, 99))} ms`);

main().catch((err) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
