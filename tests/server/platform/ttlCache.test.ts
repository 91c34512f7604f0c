import { TtlCache } from "../../../server/src/platform/ttlCache";

test("a load that was running when an entry was dropped answers its value but does not keep it", async () => {
  const cache = new TtlCache<string, string>(60_000);
  let finish!: (v: string) => void;
  const loading = cache.get("token", () => new Promise<string>((r) => (finish = r)));
  cache.delete("token"); // e.g. the session was revoked while its row was being read
  finish("read before the revocation");
  expect(await loading).toBe("read before the revocation");
  expect(await cache.get("token", async () => "read again")).toBe("read again");
  expect(await cache.get("token", async () => "not asked")).toBe("read again");
});

test("values the cache does not keep are loaded again next time", async () => {
  const cache = new TtlCache<string, string | null>(60_000, 100, (v) => v !== null);
  expect(await cache.get("code", async () => null)).toBeNull();
  expect(await cache.get("code", async () => "made since")).toBe("made since");
  expect(await cache.get("code", async () => "not asked")).toBe("made since");
});
