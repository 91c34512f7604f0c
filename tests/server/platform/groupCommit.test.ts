import { GroupCommit } from "../../../server/src/platform/groupCommit";

/** A commit the test settles by hand, to see what runs at once. */
function manualCommits() {
  const calls: { items: number[]; finish: () => void }[] = [];
  const commit = (items: number[]) => new Promise<number[]>((resolve) => calls.push({ items, finish: () => resolve(items.map((i) => i * 10)) }));
  return { calls, commit };
}
const turn = () => new Promise((r) => setImmediate(r));

test("with no load an item commits at once; what arrives while commits run goes together in the next batch", async () => {
  const { calls, commit } = manualCommits();
  const commits = new GroupCommit(commit, { maxBatch: 3 });
  const first = commits.submit(1);
  await turn();
  expect(calls.map((c) => c.items)).toEqual([[1]]);
  const later = [2, 3, 4, 5].map((i) => commits.submit(i));
  await turn();
  expect(calls).toHaveLength(1); // one batch at a time by default
  calls[0].finish();
  expect(await first).toBe(10);
  await turn();
  expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]); // at most maxBatch items
  calls[1].finish();
  await turn();
  expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4], [5]]);
  calls[2].finish();
  expect(await Promise.all(later)).toEqual([20, 30, 40, 50]);
});

test("behind a running batch only full batches start, up to maxInFlight at once, each caller answered from its own batch", async () => {
  const { calls, commit } = manualCommits();
  const commits = new GroupCommit(commit, { maxBatch: 2, maxInFlight: 2 });
  const a = commits.submit(1);
  await turn();
  const b = commits.submit(2);
  await turn();
  expect(calls.map((x) => x.items)).toEqual([[1]]); // 2 alone is not a full batch: it waits
  const c = [3, 4, 5, 6].map((i) => commits.submit(i));
  await turn();
  expect(calls.map((x) => x.items)).toEqual([[1], [2, 3]]); // a full batch waited: two in flight; 4, 5, 6 wait
  calls[1].finish();
  expect(await b).toBe(20);
  await turn();
  expect(calls.map((x) => x.items)).toEqual([[1], [2, 3], [4, 5]]);
  calls[0].finish();
  await turn();
  expect(calls).toHaveLength(3); // 6 alone waits while a batch runs…
  calls[2].finish();
  await turn();
  expect(calls.map((x) => x.items)).toEqual([[1], [2, 3], [4, 5], [6]]); // …and goes once none runs
  calls[3].finish();
  expect([await a, ...(await Promise.all(c))]).toEqual([10, 30, 40, 50, 60]);
});

test("a failed batch rejects its own callers only", async () => {
  let n = 0;
  const commits = new GroupCommit(async (items: number[]) => {
    if (n++ === 0) throw new Error("deadlock");
    return items;
  });
  const failed = commits.submit(1);
  await expect(failed).rejects.toThrow("deadlock");
  expect(await commits.submit(2)).toBe(2);
});
