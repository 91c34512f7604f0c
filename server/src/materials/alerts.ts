import { affectedRows, type Database, type DatabaseKind } from "../db/database";
import type { Logger } from "../platform/logger";
import type { Outbox } from "../platform/outbox/outbox";
import type { WecomClient } from "../wecom/api/client";
import { customerNames } from "../customers/oneId";
import { MaterialAlert } from "./alert.entity";

/** Delivers a staff member's pending alerts (outbox job `{ staffUserId }`), enqueued in the commit of the views that earned them. */
export const MATERIAL_ALERT = "material.alert";
/** The alerts a staff member's full minute held back, as one message (outbox job `{ staffUserId }`). */
export const MATERIAL_ALERT_DIGEST = "material.alert_digest";

/**
 * WeCom delivers at most 30 app messages a minute to one member and drops the rest silently. Our
 * alerts use 25 of them, leaving room for the member's tasks and other alerts in the same minute.
 */
export const ALERTS_PER_MINUTE = 25;
/** WeCom's minute, plus a second for the time our request takes to reach it. */
const WINDOW_MS = 61_000;
/** WeCom's text message holds 2,048 bytes. */
const TEXT_MAX_BYTES = 2_000;
/** What the mini-program calls a customer who has not given a name. */
const DEFAULT_NAMES = new Set(["", "微信用户"]);

/**
 * How an alert names the customer. Customers without a name of their own get a short tag of their
 * id: two of them opening the same material would otherwise make the same text, and WeCom's
 * duplicate check would swallow the second alert as a repeat of the first.
 */
const displayName = (names: Map<string, string>, customerId: string) => {
  const name = names.get(customerId) ?? "";
  return DEFAULT_NAMES.has(name) ? `微信用户·${customerId.replace(/-/g, "").slice(0, 4)}` : name;
};

type AlertDeps = { db: Database; wecom: WecomClient; logger: Logger; outbox: Outbox };

type Slot = { taken: true; slot: number; previous: number; holder: string } | { taken: false; freeAt: number };

const minutesOf = (dwellMs: number) => (dwellMs < 60_000 ? "不到 1 分钟" : `${Math.round(dwellMs / 60_000)} 分钟`);

/** "王女士 打开了《标题》, 第2次, 停留 3 分钟". */
export const alertLine = (name: string, alert: Pick<MaterialAlert, "title" | "opens" | "dwellMs">) =>
  `${name} 打开了《${alert.title}》, 第${alert.opens}次, 停留 ${minutesOf(alert.dwellMs)}`;

export function digestText(lines: string[]): string {
  const head = `${lines.length} 条客户阅读提醒：`;
  const kept: string[] = [];
  let bytes = Buffer.byteLength(head);
  for (const line of lines) {
    const size = Buffer.byteLength(line) + 1;
    if (bytes + size > TEXT_MAX_BYTES - 40) break;
    kept.push(line);
    bytes += size;
  }
  const rest = lines.length - kept.length;
  return [head, ...kept, ...(rest > 0 ? [`…另有 ${rest} 条，请在「我的分享」查看`] : [])].join("\n");
}

/**
 * Sends staff their "customer opened your material" alerts as WeCom app messages, within their
 * minute budget: each message takes one of the member's ALERTS_PER_MINUTE slots (a slot frees a
 * minute after its use). An alert that finds no free slot stays pending and a digest job is set
 * for when the first slot frees; the digest takes one slot and carries every alert pending for
 * the member by then. Nothing is dropped: an alert is `pending` until a message carrying it went
 * out. A crash after the send and before `sent` resends the same text, which WeCom's duplicate
 * check swallows.
 */
export class MaterialAlerts {
  /** The real clock WeCom counts its minute by (a test moves it together with the simulator's). */
  now: () => number = Date.now;
  private readonly slotsReady = new Set<string>();
  /** This instance's deliveries per member, one after another (two at once would race for the same alerts and slots). */
  private readonly deliveries = new Map<string, Promise<void>>();
  /** When this instance's next digest job for a member is due (real ms), so a burst sets one, not one per alert. */
  private readonly digestDue = new Map<string, number>();

  constructor(private readonly deps: AlertDeps) {
    deps.outbox.register(MATERIAL_ALERT, (p, job) => this.deliverPending((p as { staffUserId: string }).staffUserId, job.attempts > 1), { maxAttempts: 50 });
    deps.outbox.register(MATERIAL_ALERT_DIGEST, (p, job) => this.sendDigest((p as { staffUserId: string }).staffUserId, job.id), { maxAttempts: 50 });
  }

  /**
   * Sends the member's pending alerts one message each, oldest first, while their minute has free
   * slots; what is left waits for the digest. `resume` (a retried job): alerts a crash left
   * between claim and send go out again (WeCom's duplicate check swallows a repeat).
   */
  deliverPending(staffUserId: string, resume = false): Promise<void> {
    const next = (this.deliveries.get(staffUserId) ?? Promise.resolve()).then(() => this.deliverNow(staffUserId, resume));
    const settled = next.catch(() => undefined);
    this.deliveries.set(staffUserId, settled);
    void settled.then(() => {
      if (this.deliveries.get(staffUserId) === settled) this.deliveries.delete(staffUserId);
    });
    return next;
  }

  private async deliverNow(staffUserId: string, resume: boolean): Promise<void> {
    const { db } = this.deps;
    if (resume) {
      const stuck = await db.manager.find(MaterialAlert, { where: { staffUserId, state: "sending" } });
      for (const alert of stuck.filter((a) => a.messageId === a.id)) await this.deliver(staffUserId, await this.lineOf(alert), alert.id);
    }
    for (;;) {
      const pending = await db.manager.find(MaterialAlert, { where: { staffUserId, state: "pending" }, order: { at: "ASC", id: "ASC" }, take: ALERTS_PER_MINUTE });
      if (pending.length === 0) return;
      for (const alert of pending) {
        const slot = await this.takeSlot(staffUserId, alert.id);
        if (!slot.taken) return this.scheduleDigest(staffUserId, slot.freeAt);
        const claimed = await db.transaction((em) => affectedRows(em, "UPDATE material_alert SET state = 'sending', message_id = ? WHERE id = ? AND state = 'pending'", [alert.id, alert.id]));
        if (claimed !== 1) {
          await this.releaseSlot(staffUserId, slot); // another delivery or a digest took it meanwhile
          continue;
        }
        await this.deliver(staffUserId, await this.lineOf(alert), alert.id);
      }
    }
  }

  private async lineOf(alert: MaterialAlert): Promise<string> {
    const names = await customerNames(this.deps.db.manager, [alert.customerId]);
    return alertLine(displayName(names, alert.customerId), alert);
  }

  /** The digest job: `digestId` (its job id) marks the alerts it carries, so a retry sends the same ones. */
  async sendDigest(staffUserId: string, digestId: string): Promise<void> {
    const { db } = this.deps;
    if ((this.digestDue.get(staffUserId) ?? Infinity) <= Date.now()) this.digestDue.delete(staffUserId);
    let alerts = await db.manager.find(MaterialAlert, { where: { messageId: digestId, state: "sending" }, order: { at: "ASC", id: "ASC" } });
    if (alerts.length === 0) {
      if (!(await db.manager.existsBy(MaterialAlert, { staffUserId, state: "pending" }))) return;
      const slot = await this.takeSlot(staffUserId, digestId);
      if (!slot.taken) return this.scheduleDigest(staffUserId, slot.freeAt);
      const claimed = await db.transaction((em) =>
        affectedRows(em, "UPDATE material_alert SET state = 'sending', message_id = ? WHERE staff_user_id = ? AND state = 'pending'", [digestId, staffUserId]),
      );
      if (claimed === 0) return this.releaseSlot(staffUserId, slot);
      alerts = await db.manager.find(MaterialAlert, { where: { messageId: digestId, state: "sending" }, order: { at: "ASC", id: "ASC" } });
    }
    const names = await customerNames(db.manager, [...new Set(alerts.map((a) => a.customerId))]);
    const lines = alerts.map((a) => alertLine(displayName(names, a.customerId), a));
    await this.deliver(staffUserId, lines.length === 1 ? lines[0] : digestText(lines), digestId);
  }

  private async deliver(staffUserId: string, content: string, messageId: string): Promise<void> {
    const { db, wecom } = this.deps;
    await wecom.appMessages.send({ touser: [staffUserId], msgtype: "text", text: { content } });
    await db.transaction((em) => em.update(MaterialAlert, { messageId, state: "sending" }, { state: "sent", sentAt: new Date() }));
  }

  private async scheduleDigest(staffUserId: string, freeAt: number): Promise<void> {
    const due = Date.now() + Math.max(0, freeAt - this.now());
    const scheduled = this.digestDue.get(staffUserId);
    if (scheduled !== undefined && scheduled > Date.now()) return;
    this.digestDue.set(staffUserId, due);
    const { db, outbox } = this.deps;
    const jobId = await db.transaction((em) => outbox.enqueue(em, MATERIAL_ALERT_DIGEST, { staffUserId }, { dueAt: new Date(due) }));
    if (due <= Date.now()) outbox.kick(jobId);
  }

  /** Takes a free slot of the member's minute (a conditional update: two instances never take the same one). */
  private async takeSlot(staffUserId: string, holder: string): Promise<Slot> {
    const { db } = this.deps;
    await this.ensureSlots(staffUserId);
    const now = this.now();
    const free = (await db.manager.query("SELECT slot, used_at FROM material_alert_slot WHERE staff_user_id = ? AND used_at <= ?", [staffUserId, now - WINDOW_MS])) as {
      slot: number;
      used_at: number | string;
    }[];
    for (const { slot, used_at } of shuffled(free)) {
      const previous = Number(used_at);
      const took = await db.transaction((em) =>
        affectedRows(em, "UPDATE material_alert_slot SET used_at = ?, holder = ? WHERE staff_user_id = ? AND slot = ? AND used_at = ?", [now, holder, staffUserId, slot, previous]),
      );
      if (took === 1) return { taken: true, slot, previous, holder };
    }
    const [oldest] = (await db.manager.query("SELECT MIN(used_at) AS used_at FROM material_alert_slot WHERE staff_user_id = ?", [staffUserId])) as { used_at: number | string }[];
    return { taken: false, freeAt: Number(oldest.used_at) + WINDOW_MS };
  }

  /** Gives back a slot taken for a message that turned out not to be needed. */
  private async releaseSlot(staffUserId: string, slot: Slot): Promise<void> {
    if (!slot.taken) return;
    await this.deps.db.transaction((em) =>
      em.query("UPDATE material_alert_slot SET used_at = ?, holder = '' WHERE staff_user_id = ? AND slot = ? AND holder = ?", [slot.previous, staffUserId, slot.slot, slot.holder]),
    );
  }

  private async ensureSlots(staffUserId: string): Promise<void> {
    if (this.slotsReady.has(staffUserId)) return;
    const { db } = this.deps;
    const rows = Array.from({ length: ALERTS_PER_MINUTE }, (_, slot) => [staffUserId, slot, 0, ""]);
    await db.transaction((em) => em.query(insertSlots(db.kind, rows.length), rows.flat()));
    this.slotsReady.add(staffUserId);
  }
}

const insertSlots = (kind: DatabaseKind, count: number) =>
  `INSERT INTO material_alert_slot (staff_user_id, slot, used_at, holder) VALUES ${Array(count).fill("(?, ?, ?, ?)").join(", ")} ` +
  (kind === "mysql" ? "ON DUPLICATE KEY UPDATE slot = slot" : "ON CONFLICT DO NOTHING");

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
