import { openTestDatabase } from "../../helpers/database";
import { Session } from "../../../server/src/auth/session.entity";
import type { Database } from "../../../server/src/db/database";

let db: Database;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
});
afterAll(() => close());

const session = (n: number) =>
  Object.assign(new Session(), { tokenHash: String(n).padStart(64, "0"), role: "customer", subjectId: `c${n}`, name: `客户${n}`, createdAt: new Date(0), expiresAt: new Date(1) });

test("migrations are all applied", async () => {
  expect(await db.migrationsApplied()).toBe(true);
});

test("50 concurrent transactions all commit, each with its own writes", async () => {
  const results = await Promise.allSettled(
    Array.from({ length: 50 }, (_, n) =>
      db.transaction(async (em) => {
        await em.insert(Session, session(n));
        await new Promise((r) => setTimeout(r, 1)); // yield inside the transaction
        return em.countBy(Session, { subjectId: `c${n}` });
      }),
    ),
  );
  expect(results.filter((r) => r.status === "rejected")).toEqual([]);
  expect(results.map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual(Array(50).fill(1));
  expect(await db.manager.count(Session)).toBe(50);
});

test("a failing transaction rolls back its own write and leaves its neighbours committed", async () => {
  const before = await db.manager.count(Session);
  const outcomes = await Promise.allSettled([
    db.transaction((em) => em.insert(Session, session(100))),
    db.transaction(async (em) => {
      await em.insert(Session, session(101));
      throw new Error("boom");
    }),
    db.transaction((em) => em.insert(Session, session(102))),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  expect(await db.manager.count(Session)).toBe(before + 2);
  expect(await db.manager.countBy(Session, { subjectId: "c101" })).toBe(0);
});

test("epoch-millisecond columns read back as the same instant", async () => {
  const at = new Date("2026-02-17T01:02:03.456Z");
  await db.transaction((em) => em.insert(Session, { ...session(200), expiresAt: at }));
  const row = await db.manager.findOneByOrFail(Session, { subjectId: "c200" });
  expect(row.expiresAt).toEqual(at);
});
