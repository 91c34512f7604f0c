import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createCanvas } from "@napi-rs/canvas";
import { AvatarLoader, type AvatarLoaderOptions } from "../../../server/src/posters/avatarLoader";
import type { Logger } from "../../../server/src/platform/logger";

// WeChat's avatar hosts are played by a local server: the loader's `route` sends them there, as
// sandbox mode sends them to the WeCom simulator.
let server: Server;
let base: string;
let hits: string[];
let respond: (req: IncomingMessage, res: ServerResponse) => void;
let photo: Buffer;

beforeAll(async () => {
  const canvas = createCanvas(64, 64);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#4f6d5a";
  ctx.fillRect(0, 0, 64, 64);
  photo = await canvas.encode("png");
  server = createServer((req, res) => {
    hits.push(req.url!);
    respond(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  hits = [];
  respond = (_req, res) => res.writeHead(200, { "Content-Type": "image/png" }).end(photo);
});

function loaderWith(options: Partial<AvatarLoaderOptions> = {}) {
  const warnings: unknown[] = [];
  const logger = { warn: (fields: unknown) => warnings.push(fields) } as unknown as Logger;
  const routed: string[] = [];
  const loader = new AvatarLoader({
    logger,
    route: (url) => {
      routed.push(url.href);
      return new URL(base + url.pathname);
    },
    ...options,
  });
  return { loader, warnings, routed };
}

const AVATAR = "https://wework.qpic.cn/wwhead/abc/0";

test("an avatar from WeChat's hosts is fetched once and reused", async () => {
  const { loader } = loaderWith();
  const [a, b] = await Promise.all([loader.load(AVATAR), loader.load(AVATAR)]);
  expect(Buffer.compare(a!, photo)).toBe(0);
  expect(b).toBe(a);
  expect(await loader.load(AVATAR)).toBe(a);
  expect(hits).toEqual(["/wwhead/abc/0"]);
});

test("only https URLs on WeChat's avatar hosts are fetched; plain http is upgraded", async () => {
  const { loader, routed } = loaderWith();
  for (const url of [
    "https://example.com/wwhead/abc/0",
    "https://wework.qpic.cn.example.com/a",
    "https://user:pw@wework.qpic.cn/a",
    "https://wework.qpic.cn:8443/a",
    "ftp://wx.qlogo.cn/a",
    "file:///etc/passwd",
    "not a url",
    "",
    null,
    undefined,
  ]) {
    expect(await loader.load(url)).toBeUndefined();
  }
  expect(routed).toEqual([]);
  expect(await loader.load("http://wx.qlogo.cn/mmhead/xyz/132")).toBeDefined();
  expect(await loader.load("https://thirdwx.qlogo.cn/mmopen/xyz/132")).toBeDefined();
  expect(routed).toEqual(["https://wx.qlogo.cn/mmhead/xyz/132", "https://thirdwx.qlogo.cn/mmopen/xyz/132"]);
});

test("a slow, failing, oversized, redirecting or undecodable answer gives the initial, with a warning", async () => {
  const cases: [string, (req: IncomingMessage, res: ServerResponse) => void][] = [
    ["slow", () => undefined], // never answers
    ["failing", (_req, res) => res.writeHead(404).end()],
    ["declared too large", (_req, res) => res.writeHead(200, { "Content-Length": String(2 * 1024 * 1024) }).end(Buffer.alloc(2 * 1024 * 1024))],
    [
      "too large, undeclared",
      (_req, res) => {
        res.writeHead(200, { "Transfer-Encoding": "chunked" });
        for (let i = 0; i < 40; i++) res.write(Buffer.alloc(64 * 1024));
        res.end();
      },
    ],
    ["redirecting", (_req, res) => res.writeHead(302, { Location: `${base}/elsewhere` }).end()],
    ["not an image", (_req, res) => res.writeHead(200, { "Content-Type": "image/png" }).end("<html>login</html>")],
  ];
  for (const [what, answer] of cases) {
    respond = answer;
    const { loader, warnings } = loaderWith({ timeoutMs: 300, maxBytes: 1024 * 1024 });
    const started = Date.now();
    expect({ what, photo: await loader.load(AVATAR) }).toEqual({ what, photo: undefined });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(warnings).toHaveLength(1);
  }
  expect(hits).not.toContain("/elsewhere");
});

test("a failure is remembered briefly, then retried", async () => {
  let now = 1_000_000;
  const { loader } = loaderWith({ now: () => now, failureTtlMs: 60_000, ttlMs: 600_000 });
  respond = (_req, res) => res.writeHead(500).end();
  expect(await loader.load(AVATAR)).toBeUndefined();
  expect(await loader.load(AVATAR)).toBeUndefined();
  expect(hits).toHaveLength(1);
  respond = (_req, res) => res.writeHead(200).end(photo);
  now += 61_000;
  expect(await loader.load(AVATAR)).toBeDefined();
  expect(hits).toHaveLength(2);
});

test("the cache holds at most its byte budget, dropping the oldest first", async () => {
  const { loader } = loaderWith({ maxCacheBytes: photo.length * 2 });
  for (const n of [1, 2, 3]) await loader.load(`https://wework.qpic.cn/wwhead/p${n}/0`);
  await new Promise((r) => setImmediate(r));
  await loader.load("https://wework.qpic.cn/wwhead/p3/0");
  await loader.load("https://wework.qpic.cn/wwhead/p1/0");
  expect(hits).toEqual(["/wwhead/p1/0", "/wwhead/p2/0", "/wwhead/p3/0", "/wwhead/p1/0"]);
});
