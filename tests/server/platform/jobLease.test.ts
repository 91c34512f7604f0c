import { Table } from "typeorm";
import { openTestDatabase } from "../../helpers/database";
import { JobLease } from "../../../server/src/platform/jobLease";
import type { Database } from "../../../server/src/db/database";

let db: Database;
let close: () => Promise<void>;
let lease: JobLease;

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
  const runner = db.source.createQueryRunner();
  await runner.createTable(
    new Table({
      name: "lease_probe",
      columns: [
        { name: "id", type: "int", isPrimary: true },
        { name: "state", type: "varchar", length: "16" },
        { name: "lease_owner", type: "varchar", length: "100", isNullable: true },
        { name: "lease_until", type: "bigint", isNullable: true },
      ],
    }),
  );
  await runner.release();
  lease = new JobLease(db, { table: "lease_probe", where: "state = :state", params: { state: "pending" } });
});
afterAll(() => close());

async function seed(n: number): Promise<void> {
  await db.transaction(async (em) => {
    await em.query("DELETE FROM lease_probe");
    for (let id = 1; id <= n; id++) await em.query("INSERT INTO lease_probe (id, state) VALUES (?, 'pending')", [id]);
  });
}

test("two claimers racing never win the same row, and together take every row", async () => {
  await seed(200);
  const claimed: Record<string, string[]> = { a: [], b: [] };
  const worker = async (owner: "a" | "b") => {
    for (;;) {
      const won = await lease.claim({ owner, leaseMs: 60_000, limit: 7 });
      if (won.length === 0) return;
      claimed[owner].push(...won.map((l) => l.id));
    }
  };
  await Promise.all([worker("a"), worker("b"), worker("a"), worker("b")]);
  const all = [...claimed.a, ...claimed.b];
  expect(new Set(all).size).toBe(all.length);
  expect(all.length).toBe(200);
});

test("an expired lease is taken by another worker and the old holder can no longer release it", async () => {
  await seed(1);
  const now = Date.now();
  const [first] = await lease.claim({ owner: "crashed", leaseMs: 1_000, limit: 10, now });
  expect(first.id).toBe("1");
  expect(await lease.claim({ owner: "other", leaseMs: 1_000, limit: 10, now: now + 500 })).toEqual([]);
  const [second] = await lease.claim({ owner: "other", leaseMs: 1_000, limit: 10, now: now + 1_001 });
  expect(second.id).toBe("1");
  expect(await lease.renew(first, 1_000)).toBe(false);
  expect(await lease.release(first, { state: "done" })).toBe(false);
  expect(await lease.renew(second, 60_000)).toBe(true);
  expect(await lease.release(second, { state: "done" })).toBe(true);
  expect(await lease.claim({ owner: "late", leaseMs: 1_000, limit: 10, now: now + 999_999 })).toEqual([]);
});

test("a released row that is still due can be claimed again", async () => {
  await seed(1);
  const [held] = await lease.claim({ owner: "w", leaseMs: 60_000, limit: 1 });
  expect(await lease.release(held)).toBe(true);
  expect((await lease.claim({ owner: "w2", leaseMs: 60_000, limit: 1 })).map((l) => l.id)).toEqual(["1"]);
});
