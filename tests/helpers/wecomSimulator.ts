import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { XMLParser } from "fast-xml-parser";
import { startSimulator, type RunningSimulator, type StartSimulatorOptions } from "../../server/src/sandbox/wecom";
import { CallbackCrypto } from "../../server/src/wecom/callbackCrypto";
import { WecomClient, type WecomClientOptions } from "../../server/src/wecom/api";
import type { Database } from "../../server/src/db/database";

/** The keys of the test corp; tests build clients and receivers from the same ones. */
export const TEST_CORP = {
  corpId: "wwsimtest0000000001",
  agentId: 1000002,
  secrets: { app: "app-secret-for-tests-0001", contact: "contact-secret-for-tests-01", directory: "directory-secret-for-tests1" },
  callbackToken: "callbackTokenForTests",
  encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
} as const;

/** The simulator alone on a free port, with fast callback retries; the callback URL points nowhere until set. */
export function startTestSimulator(overrides: Partial<StartSimulatorOptions> = {}): Promise<RunningSimulator> {
  return startSimulator({
    corpId: TEST_CORP.corpId,
    agentId: TEST_CORP.agentId,
    secrets: { ...TEST_CORP.secrets },
    callbackUrl: "http://127.0.0.1:9/wecom/callback",
    callback: { token: TEST_CORP.callbackToken, encodingAesKey: TEST_CORP.encodingAesKey, timeoutMs: 300, retryDelayMs: 20 },
    ...overrides,
  });
}

/** Our client for the test corp, with short backoffs and polls so tests run fast. */
export function testWecomClient(db: Database, apiBase: string, overrides: Partial<WecomClientOptions> = {}): WecomClient {
  return new WecomClient({
    db,
    apiBase,
    corpId: TEST_CORP.corpId,
    agentId: TEST_CORP.agentId,
    secrets: { ...TEST_CORP.secrets },
    backoff: { baseMs: 5, maxMs: 20 },
    tokenLease: { pollMs: 10 },
    ...overrides,
  });
}

/** A raw WeCom call over HTTP, answering the parsed JSON (errcode included). */
export async function wecomCall(
  base: string,
  path: string,
  { query = {}, body }: { query?: Record<string, string>; body?: unknown } = {},
): Promise<Record<string, unknown> & { errcode: number; errmsg: string }> {
  const url = new URL(base + path);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const res = await fetch(url, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown> & { errcode: number; errmsg: string };
}

/** `POST /_actions/<name>` with a JSON body; the answer's status and JSON. */
export async function postAction<T>(base: string, name: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}/_actions/${name}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}

/** `GET /_inspect/<what>`, e.g. `calls?path=…`. */
export async function inspect<T>(base: string, what: string): Promise<T> {
  return (await (await fetch(`${base}/_inspect/${what}`)).json()) as T;
}

export async function tokenFor(base: string, kind: keyof typeof TEST_CORP.secrets): Promise<string> {
  const answer = await wecomCall(base, "/cgi-bin/gettoken", { query: { corpid: TEST_CORP.corpId, corpsecret: TEST_CORP.secrets[kind] } });
  if (answer.errcode !== 0) throw new Error(`gettoken: ${answer.errcode}`);
  return answer.access_token as string;
}

export interface ReceivedCallback {
  query: Record<string, string>;
  body: string;
  /** The decrypted event, opened exactly as our callback route does (signature, window, cipher). */
  fields: Record<string, string>;
}

/** Per request (0-based): the HTTP status to answer, or `hang` to never answer. */
export type Respond = (index: number) => number | "hang";

const xml = new XMLParser({ parseTagValue: false });

/** A tiny receiver playing our callback route; it opens each request with CallbackCrypto. */
export async function startCallbackReceiver(respond: Respond = () => 200) {
  const crypto = new CallbackCrypto(TEST_CORP.callbackToken, TEST_CORP.encodingAesKey, TEST_CORP.corpId);
  const received: ReceivedCallback[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const query = Object.fromEntries(new URL(req.url!, "http://x").searchParams);
    const encrypted = (xml.parse(body) as { xml: { Encrypt: string } }).xml.Encrypt;
    const inner = crypto.open(query.msg_signature, query.timestamp, query.nonce, encrypted);
    const fields = (xml.parse(inner) as { xml: Record<string, string> }).xml;
    const index = received.push({ query, body, fields }) - 1;
    const status = respond(index);
    if (status === "hang") return;
    res.writeHead(status).end(status === 200 ? "success" : "error");
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(400).end("rejected"));
  });
  server.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/wecom/callback`,
    received,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A clock a test moves by hand; starts at the real time. */
export function manualClock(start = Date.now()) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}
