import { openTestDatabase } from "../../helpers/database";
import { insertStatement } from "../../../server/src/db/insertStatement";
import { Session } from "../../../server/src/auth/session.entity";
import { TimelineEntry } from "../../../server/src/customers/timeline.entity";
import type { Database } from "../../../server/src/db/database";

let db: Database;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
});
afterAll(() => close());

test("rows written by one multi-row statement read back as TypeORM wrote them (times through their transformer, NULL for what is left out)", async () => {
  const at = new Date("2026-11-26T10:00:00.123Z");
  const rows = [
    { id: "t-1", customerId: "c-1", kind: "referred", at, data: "{}", attribution: '{"campaignId":"x"}' },
    { id: "t-2", customerId: "c-1", kind: "viewed", at, data: '{"n":1}' } as TimelineEntry,
  ];
  await db.transaction(async (em) => {
    const [sql, params] = insertStatement(em, TimelineEntry, rows);
    await em.query(sql, params);
  });
  const read = await db.manager.find(TimelineEntry, { where: { customerId: "c-1" }, order: { id: "ASC" } });
  expect(read.map((r) => ({ ...r }))).toEqual([
    { ...rows[0] },
    { ...rows[1], attribution: null },
  ]);
  expect(read[0].at.getTime()).toBe(at.getTime());
});

test("a required column with no value and no default is refused before anything is written", () => {
  expect(() => insertStatement(db.manager, Session, [{ tokenHash: "h", role: "customer", name: "客户" } as Session])).toThrow("Session.subjectId has no value and no default");
});
