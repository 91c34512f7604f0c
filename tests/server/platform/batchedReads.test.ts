import { batchedReads } from "../../../server/src/platform/batchedReads";

function countingReads() {
  const calls: string[][] = [];
  const rows = new Map([
    ["a", 1],
    ["b", 2],
  ]);
  const readMany = async (keys: string[]) => {
    calls.push(keys);
    return new Map(keys.filter((k) => rows.has(k)).map((k) => [k, rows.get(k)!]));
  };
  return { calls, readMany };
}

test("keys asked for at once are read with one call, each caller answered its own row (or absent)", async () => {
  const { calls, readMany } = countingReads();
  const read = batchedReads(readMany, null, 1);
  expect(await Promise.all([read("a"), read("b"), read("a"), read("zz")])).toEqual([1, 2, 1, null]);
  expect(calls).toEqual([["a", "b", "zz"]]); // asked once each
  expect(await read("b")).toBe(2);
  expect(calls).toHaveLength(2);
});

test("keys asked for within the window go together", async () => {
  const { calls, readMany } = countingReads();
  const read = batchedReads(readMany, null, 30);
  const first = read("a");
  await new Promise((r) => setTimeout(r, 5));
  const second = read("b");
  expect([await first, await second]).toEqual([1, 2]);
  expect(calls).toEqual([["a", "b"]]);
});

test("a failed read fails the callers of its batch only", async () => {
  let fail = true;
  const read = batchedReads(async (keys: string[]) => {
    if (fail) throw new Error("connection lost");
    return new Map(keys.map((k) => [k, k.length]));
  }, 0, 1);
  await expect(Promise.all([read("x"), read("yy")])).rejects.toThrow("connection lost");
  fail = false;
  expect(await read("yy")).toBe(2);
});
