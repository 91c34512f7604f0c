import { openTestDatabase } from "../../../helpers/database";
import { createLogger } from "../../../../server/src/platform/logger";
import { Inbox } from "../../../../server/src/wecom/inbox/inbox";
import { InboxHandlers, type InboxEvent } from "../../../../server/src/wecom/inbox/handlers";
import { InboxWorker } from "../../../../server/src/wecom/inbox/worker";
import { InboxEventRow } from "../../../../server/src/wecom/inbox/inboxEvent.entity";
import { JobLease } from "../../../../server/src/platform/jobLease";
import type { Database } from "../../../../server/src/db/database";

let db: Database;
let close: () => Promise<void>;
const logger = createLogger("silent");

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
});
afterAll(() => close());
beforeEach(() => db.transaction((em) => em.clear(InboxEventRow)));

const storeEvents = async (n: number, changeType = "edit_external_contact") => {
  const inbox = new Inbox(db);
  const createTime = String(Math.floor(Date.now() / 1000));
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      inbox.store({
        fields: { ToUserName: "wwcorp", Event: "change_external_contact", ChangeType: changeType, UserID: "u1", ExternalUserID: `wm${i}`, CreateTime: createTime },
        signature: "s",
        timestamp: createTime,
        nonce: `n${i}`,
      }),
    ),
  );
};

test("a failing handler is retried with backoff, then the event is dead with its error kept", async () => {
  const handlers = new InboxHandlers();
  let calls = 0;
  handlers.register("change_external_contact", "edit_external_contact", async () => {
    calls++;
    throw new Error("WeCom said 45009");
  });
  const worker = new InboxWorker(db, handlers, logger, { owner: "w1", maxAttempts: 3, baseBackoffMs: 1, maxBackoffMs: 1 });
  const [stored] = await storeEvents(1);
  for (let i = 0; i < 5; i++) {
    await worker.tick();
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(calls).toBe(3);
  const row = await db.manager.findOneByOrFail(InboxEventRow, { id: stored.id });
  expect(row).toMatchObject({ state: "dead", attempts: 3, lastError: "WeCom said 45009", leaseOwner: null });
});

test("a backoff delays the next attempt", async () => {
  const handlers = new InboxHandlers();
  let calls = 0;
  handlers.register("change_external_contact", "edit_external_contact", async () => {
    calls++;
    throw new Error("not yet");
  });
  const worker = new InboxWorker(db, handlers, logger, { owner: "w1", baseBackoffMs: 60_000 });
  await storeEvents(1);
  await worker.tick();
  await worker.tick();
  expect(calls).toBe(1);
  const [row] = await db.manager.find(InboxEventRow);
  expect(row.state).toBe("pending");
  expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
});

test("rows leased by a worker that died are handled by another instance once the lease runs out", async () => {
  const seen: InboxEvent[] = [];
  const handlers = new InboxHandlers();
  handlers.register("change_external_contact", "edit_external_contact", async (e) => {
    seen.push(e);
  });
  await storeEvents(20);
  // The first instance claims everything and is killed before handling or releasing anything.
  const crashed = new JobLease(db, { table: "wecom_inbox", where: "state = 'pending' AND next_attempt_at <= :now" });
  expect(await crashed.claim({ owner: "killed-instance", leaseMs: 300, limit: 100 })).toHaveLength(20);

  const survivor = new InboxWorker(db, handlers, logger, { owner: "survivor", leaseMs: 30_000 });
  expect(await survivor.tick()).toBe(0); // still leased
  await new Promise((r) => setTimeout(r, 350));
  expect(await survivor.tick()).toBe(20);
  expect(new Set(seen.map((e) => e.externalUserId)).size).toBe(20);
  expect(await db.manager.countBy(InboxEventRow, { state: "done" })).toBe(20);
});

test("two instances ticking at once handle every event exactly once", async () => {
  const seen: string[] = [];
  const handlers = new InboxHandlers();
  handlers.register("change_external_contact", "edit_external_contact", async (e) => {
    seen.push(e.id);
    await new Promise((r) => setTimeout(r, 1));
  });
  await storeEvents(60);
  const a = new InboxWorker(db, handlers, logger, { owner: "a", batch: 7 });
  const b = new InboxWorker(db, handlers, logger, { owner: "b", batch: 7 });
  await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
  expect(seen).toHaveLength(60);
  expect(new Set(seen).size).toBe(60);
});

test("an event nobody handles is simply done", async () => {
  const worker = new InboxWorker(db, new InboxHandlers(), logger, { owner: "w" });
  await storeEvents(2, "transfer_fail");
  expect(await worker.tick()).toBe(2);
  expect(await db.manager.countBy(InboxEventRow, { state: "done" })).toBe(2);
});
