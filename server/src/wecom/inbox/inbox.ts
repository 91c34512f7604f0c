import { createHash, randomUUID } from "node:crypto";
import type { Database } from "../../db/database";
import { GroupCommit } from "../../platform/groupCommit";
import type { InboxEvent } from "./handlers";
import { InboxEventRow } from "./inboxEvent.entity";

/** A verified, decrypted callback with the request fields kept on its row. */
export interface ReceivedEvent {
  fields: Record<string, string>;
  signature: string;
  timestamp: string;
  nonce: string;
}

export interface StoredEvent {
  id: string;
  /** False when the same event was already stored (a redelivery or a replay). */
  isNew: boolean;
  /** An add event's WelcomeCode lives 20 s: such an event is handled at once, not on the next tick. */
  hasWelcomeCode: boolean;
}

export class InvalidEventError extends Error {}

const MAX_ID = 64;

/** The durable inbox of WeCom callbacks; concurrent stores share one commit. */
export class Inbox {
  private readonly commits: GroupCommit<InboxEventRow, Omit<StoredEvent, "hasWelcomeCode">>;

  constructor(private readonly db: Database) {
    this.commits = new GroupCommit((rows) => this.insert(rows));
  }

  /** Resolves once the event is committed (or found already stored). */
  async store(received: ReceivedEvent, now = new Date()): Promise<StoredEvent> {
    const stored = await this.commits.submit(toRow(received, now));
    return { ...stored, hasWelcomeCode: Boolean(received.fields.WelcomeCode) };
  }

  async find(id: string): Promise<InboxEventRow | null> {
    return this.db.manager.findOneBy(InboxEventRow, { id });
  }

  /**
   * One multi-row INSERT that skips rows whose dedupe key exists, then one SELECT to learn which
   * rows are ours. Raw SQL: this is the hot path of the callback benchmark, and TypeORM's insert
   * builder costs more than the database does here.
   */
  private insert(rows: InboxEventRow[]): Promise<Omit<StoredEvent, "hasWelcomeCode">[]> {
    const ignore = this.db.kind === "mysql" ? "INSERT IGNORE" : "INSERT OR IGNORE";
    const values = rows.map(() => `(${COLUMNS.map(() => "?").join(", ")})`).join(", ");
    const params = rows.flatMap((row) => [
      row.id, row.dedupeKey, row.corpId, row.event, row.changeType, row.userId, row.externalUserId, row.createTime,
      row.fields, row.msgSignature, row.msgTimestamp, row.nonce, row.state, row.attempts, row.nextAttemptAt.getTime(), row.receivedAt.getTime(),
    ]);
    const keys = [...new Set(rows.map((r) => r.dedupeKey))];
    return this.db.transaction(async (em) => {
      await em.query(`${ignore} INTO wecom_inbox (${COLUMNS.join(", ")}) VALUES ${values}`, params);
      const stored: { id: string; dedupe_key: string }[] = await em.query(
        `SELECT id, dedupe_key FROM wecom_inbox WHERE dedupe_key IN (${keys.map(() => "?").join(", ")})`,
        keys,
      );
      const byKey = new Map(stored.map((r) => [r.dedupe_key, r]));
      return rows.map((row) => {
        const found = byKey.get(row.dedupeKey);
        if (!found) throw new Error(`inbox row ${row.dedupeKey} neither inserted nor found`);
        return { id: found.id, isNew: found.id === row.id };
      });
    });
  }
}

const COLUMNS = [
  "id", "dedupe_key", "corp_id", "event", "change_type", "user_id", "external_user_id", "create_time",
  "fields", "msg_signature", "msg_timestamp", "nonce", "state", "attempts", "next_attempt_at", "received_at",
];

function toRow(received: ReceivedEvent, now: Date): InboxEventRow {
  const f = received.fields;
  const identity = {
    corpId: f.ToUserName ?? "",
    event: f.Event ?? f.MsgType ?? "",
    changeType: f.ChangeType ?? "",
    userId: f.UserID ?? "",
    externalUserId: f.ExternalUserID ?? "",
  };
  for (const [name, value] of Object.entries(identity)) {
    if (value.length > MAX_ID) throw new InvalidEventError(`${name} is longer than ${MAX_ID} characters`);
  }
  if (!identity.event) throw new InvalidEventError("the event has no Event");
  const createTime = Number(f.CreateTime);
  if (!/^\d{1,12}$/.test(f.CreateTime ?? "")) throw new InvalidEventError("CreateTime is missing or not a number");
  const dedupeKey = createHash("sha256")
    .update([identity.corpId, identity.event, identity.changeType, identity.userId, identity.externalUserId, createTime].join("\u0000"))
    .digest("hex");
  return Object.assign(new InboxEventRow(), {
    id: randomUUID(),
    dedupeKey,
    ...identity,
    createTime,
    fields: JSON.stringify(f),
    msgSignature: received.signature.slice(0, 64),
    msgTimestamp: received.timestamp.slice(0, 16),
    nonce: received.nonce.slice(0, 64),
    state: "pending",
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    leaseOwner: null,
    leaseUntil: null,
    receivedAt: now,
    handledAt: null,
  });
}

export function toInboxEvent(row: InboxEventRow): InboxEvent {
  return {
    id: row.id,
    corpId: row.corpId,
    event: row.event,
    changeType: row.changeType,
    userId: row.userId,
    externalUserId: row.externalUserId,
    createTime: row.createTime,
    fields: JSON.parse(row.fields) as Record<string, string>,
  };
}
